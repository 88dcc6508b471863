import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { Parser } from '@asyncapi/parser';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import * as contracts from '@motcua/contracts';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, EVENT_CONTRACTS } from '@motcua/contracts';
import { buildAsyncApi, buildEventTable, channelId, classSchema, CONSUMERS, messageId } from './asyncapi';

const ROOT = join(__dirname, '..', '..');
const DOC_FILE = join(ROOT, 'docs', 'asyncapi.json');

type Json = Record<string, any>;
const doc = buildAsyncApi() as Json;
const schemas = doc.components.schemas as Record<string, Json>;

function tsSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsSources(p));
    else if (name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Does an AMQP topic pattern (`*` = one word, `#` = zero or more) match a routing key? */
function topicMatches(pattern: string, key: string): boolean {
  const p = pattern.split('.');
  const k = key.split('.');
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === '#') return go(i + 1, j) || (j < k.length && go(i, j + 1));
    return j < k.length && (p[i] === '*' || p[i] === k[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/**
 * type → consuming services, from the `@EventPattern(...)` handlers in services/<name>/src: every source file
 * that contains the decorator is loaded and the patterns are read from Nest's metadata, so constants, arrays
 * (`@EventPattern(ALL_TYPES)`) and topic wildcards count as the transport sees them.
 */
function scanConsumers(): { consumers: Map<string, Set<string>>; problems: string[] } {
  const consumers = new Map<string, Set<string>>();
  const problems: string[] = [];
  const knownTypes = [...new Set(EVENT_CONTRACTS.map((c) => c.type))];
  const servicesDir = join(ROOT, 'services');
  for (const service of readdirSync(servicesDir)) {
    const src = join(servicesDir, service, 'src');
    if (!existsSync(src)) continue; // a service without sources yet
    for (const file of tsSources(src)) {
      const decorators = readFileSync(file, 'utf8').match(/@EventPattern\(/g)?.length ?? 0;
      if (!decorators) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(file) as Record<string, unknown>;
      let handlers = 0;
      for (const value of Object.values(exported)) {
        if (typeof value !== 'function' || !value.prototype) continue;
        for (const key of Object.getOwnPropertyNames(value.prototype)) {
          const method = Object.getOwnPropertyDescriptor(value.prototype, key)?.value;
          const patterns =
            typeof method === 'function' ? (Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined) : undefined;
          if (!patterns) continue;
          handlers++;
          for (const pattern of patterns) {
            const at = `${relative(ROOT, file)}: ${value.name}.${key}`;
            if (typeof pattern !== 'string') {
              problems.push(`${at} has a non-string pattern ${JSON.stringify(pattern)}`);
              continue;
            }
            const types = knownTypes.filter((t) => topicMatches(pattern, t));
            if (!types.length) problems.push(`${at} listens to ${pattern}, which matches no contract`);
            for (const type of types) consumers.set(type, new Set([...(consumers.get(type) ?? []), service]));
          }
        }
      }
      if (handlers !== decorators)
        problems.push(
          `${relative(ROOT, file)}: ${decorators} @EventPattern( in the text, ${handlers} handler(s) found on exported classes`,
        );
    }
  }
  return { consumers, problems };
}

describe('AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0.0 document (no diagnostics of severity error)', async () => {
    const diagnostics = await new Parser().validate(doc as never);
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    // Warnings are not fatal, but there are none today: keep it that way.
    expect(diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });

  it('has a channel per event type and a message per registered (type, version)', () => {
    for (const c of EVENT_CONTRACTS) {
      const channel = doc.channels[channelId(c.type)];
      expect(channel).toMatchObject({
        address: c.type,
        bindings: { amqp: { is: 'routingKey', exchange: { name: 'motcua.events', type: 'topic', durable: true } } },
      });
      const id = messageId(c.type, c.version);
      expect(channel.messages[id]).toEqual({ $ref: `#/components/messages/${id}` });
      const msg = doc.components.messages[id];
      expect(msg.summary).toBe(c.summary);
      expect(msg.payload.properties.type.const).toBe(c.type);
      expect(msg.payload.properties.version.const).toBe(c.version);
      expect(msg.payload.properties.data).toEqual({ $ref: `#/components/schemas/${c.schema.name}` });
      expect(msg.payload.required).toEqual(expect.arrayContaining(['id', 'type', 'version', 'occurredAt', 'data']));
      expect(schemas[c.schema.name]).toMatchObject({ type: 'object' });
    }
    expect(Object.keys(doc.components.messages)).toHaveLength(EVENT_CONTRACTS.length);
    expect(Object.keys(doc.channels)).toHaveLength(new Set(EVENT_CONTRACTS.map((c) => c.type)).size);
  });

  it('has a send operation for the publisher and a receive operation per consumer', () => {
    const ops = Object.values(doc.operations as Record<string, Json>);
    for (const c of EVENT_CONTRACTS) {
      const ref = `#/channels/${channelId(c.type)}`;
      const on = ops.filter((o) => o.channel.$ref === ref);
      expect(on.filter((o) => o.action === 'send').map((o) => o['x-service'])).toEqual([c.publisher]);
      expect(
        on
          .filter((o) => o.action === 'receive')
          .map((o) => o['x-service'])
          .sort(),
      ).toEqual([...(CONSUMERS[c.type] ?? [])].sort());
    }
    expect(ops.find((o) => o.action === 'receive' && o['x-service'] === 'routing')).toMatchObject({
      channel: { $ref: `#/channels/${channelId(DOSSIER_RECEIVED)}` },
      'x-queue': 'motcua.routing',
    });
  });

  it('CONSUMERS matches the @EventPattern handlers of services/*/src', () => {
    const { consumers, problems } = scanConsumers();
    expect(problems).toEqual([]);
    const found = Object.fromEntries([...consumers].map(([type, services]) => [type, [...services].sort()]).sort());
    const declared = Object.fromEntries(
      Object.entries(CONSUMERS)
        .map(([type, services]) => [type, [...services].sort()])
        .sort(),
    );
    expect(declared).toEqual(found);
    expect(found[DOSSIER_RESOLVED]).toContain('intake'); // the scan does find something
  });

  it('derives data schemas from the class-validator decorators', () => {
    const received = schemas.DossierReceivedV1;
    // required unless @IsOptional
    expect(received.required).toEqual(expect.arrayContaining(['dossierCode', 'receivedAt', 'applicant', 'channel']));
    expect(received.required).not.toContain('deliveryAddress');
    // @Matches keeps its pattern, equal to the contract's RegExp
    expect(received.properties.dossierCode).toEqual({ type: 'string', pattern: contracts.DOSSIER_CODE_PATTERN.source });
    expect(new RegExp(received.properties.receivingAgencyCode.pattern).test('000.00.06.H56')).toBe(true);
    // @IsString @Length, @IsIn, @IsISO8601
    expect(received.properties.procedureCode).toEqual({ type: 'string', minLength: 1, maxLength: 40 });
    expect(received.properties.channel).toEqual({ type: 'string', enum: [...contracts.INTAKE_CHANNELS] });
    expect(received.properties.receivedAt).toEqual({ type: 'string', format: 'date-time' });
    // @ValidateNested @Type → a component schema
    expect(received.properties.applicant).toEqual({ $ref: '#/components/schemas/ApplicantV1' });
    expect(received.properties.deliveryAddress).toEqual({ $ref: '#/components/schemas/PostalAddressV1' });
    expect(schemas.ApplicantV1.required).toEqual(['fullName']);
    expect(schemas.ApplicantV1.properties.email).toEqual({ type: 'string', maxLength: 254 });
    expect(schemas.PostalAddressV1.properties.phone).toEqual({ type: 'string', pattern: '^0\\d{9}$' });
    expect(schemas.PostalAddressV1.required).not.toContain('districtCode');
    expect(schemas.NotificationSentV1.required).not.toContain('dossierCode');
  });

  it('maps integers, bounds, arrays, and refuses what it cannot express', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v = require('class-validator');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Type } = require('class-transformer');
    class Item {
      @v.IsInt() @v.Min(1) @v.Max(30) days!: number;
    }
    class Sample {
      @v.IsOptional() @v.IsInt() @v.Min(0) count?: number;
      @v.IsArray() @v.IsString({ each: true }) @v.Length(1, 5, { each: true }) tags!: string[];
      @v.IsArray() @v.ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
    }
    const s: Record<string, Json> = {};
    const schema = classSchema(Sample, s) as Json;
    expect(schema.required).toEqual(['tags', 'items']);
    expect(schema.properties.count).toEqual({ type: 'integer', minimum: 0 });
    expect(schema.properties.tags).toEqual({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 5 } });
    expect(schema.properties.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Item' } });
    expect(s.Item.properties.days).toEqual({ type: 'integer', minimum: 1, maximum: 30 });

    class CaseInsensitive {
      @v.Matches(/^abc$/i) code!: string;
    }
    expect(() => classSchema(CaseInsensitive)).toThrow(/flags JSON Schema cannot express/);
    class Unmapped {
      @v.IsMACAddress() mac!: string;
    }
    expect(() => classSchema(Unmapped)).toThrow(/Unmapped\.mac: validator "isMacAddress" has no JSON Schema mapping/);
    class Untyped {
      @v.ValidateNested() item!: Item;
    }
    expect(() => classSchema(Untyped)).toThrow(/without @Type/);
  });

  it('docs/events.md is up to date (run `npm run asyncapi`)', () => {
    expect(readFileSync(DOC_FILE.replace(/asyncapi\.json$/, 'events.md'), 'utf8')).toBe(buildEventTable());
  });

  it('docs/asyncapi.json is up to date (run `npm run asyncapi`)', () => {
    const committed = JSON.parse(readFileSync(DOC_FILE, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
