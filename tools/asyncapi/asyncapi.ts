/**
 * Builds the AsyncAPI 3.0.0 description of the platform's events from the code itself:
 *
 * - payload schemas from the class-validator decorators of the contract classes (`EVENT_CONTRACTS`),
 *   nested classes from class-transformer's `@Type` metadata;
 * - the topology of `@motcua/messaging` (topic exchange `motcua.events`, routing key = event type,
 *   one durable queue `motcua.<service>` per consuming service);
 * - who publishes (the registry) and who consumes (`CONSUMERS` below, checked against the
 *   `@EventPattern(...)` handlers of `services/<name>/src` by `asyncapi.spec.ts`).
 *
 * `node tools/asyncapi/generate.js` (= `npm run asyncapi`) writes the result to `docs/asyncapi.json`;
 * the spec fails when that file is stale. Decorators this file cannot express in JSON Schema make
 * generation fail (never a silently incomplete schema): add them to `applyRule`.
 */
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import {
  CALENDAR_YEAR_SCHEDULE_REPLACED,
  CATALOG_PROCEDURE_VERSION_PUBLISHED,
  DOSSIER_EVALUATED,
  DOSSIER_RECEIVED,
  DOSSIER_RESOLVED,
  DOSSIER_RESULT_RETURNED,
  DOSSIER_WITHDRAWN,
  DOSSIER_DOCUMENT_DIGITIZED,
  EVENT_CONTRACTS,
  EventContract,
  NOTIFICATION_DELIVERY_FAILED,
  NOTIFICATION_SENT,
  POSTAL_DELIVERY_CREATED,
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_DELIVERY_RETURNED,
  POSTAL_PICKUP_RECEIVED,
  PROCESSING_STEP_STARTED,
  ServiceName,
} from '@motcua/contracts';
import {
  DOSSIER_SUPPLEMENT_RECEIVED,
  PROCESSING_DUE_SOON,
  PROCESSING_ESCALATED,
  PROCESSING_EXTENDED,
  PROCESSING_OVERDUE,
  PROCESSING_REFUSED,
  PROCESSING_STOPPED,
  PROCESSING_RESUMED,
  PROCESSING_STEP_COMPLETED,
  PROCESSING_STEP_RETURNED,
  PROCESSING_SUPPLEMENT_REQUESTED,
} from '@motcua/contracts';
import {
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_FAILED,
  POSTAL_DELIVERY_CANCELLED,
  POSTAL_PICKUP_SCHEDULED,
} from '@motcua/contracts';

/** Minimal view of class-transformer's (untyped) metadata storage. */
interface TypeMetadataStorage {
  findTypeMetadata(
    target: object,
    propertyName: string,
  ): { typeFunction: (options?: unknown) => unknown; options?: { discriminator?: unknown } } | undefined;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TypeMetadataStorage };

export const EXCHANGE = 'motcua.events';
export const QUEUE_PREFIX = 'motcua';
const AMQP_BINDING_VERSION = '0.3.0';

/**
 * Which service consumes which event type (an `@EventPattern(TYPE)` handler in `services/<service>/src`).
 * Kept static so the document does not depend on scanning sources at generation time; `asyncapi.spec.ts`
 * fails when it disagrees with the handlers.
 */
export const CONSUMERS: Readonly<Record<string, readonly ServiceName[]>> = {
  [DOSSIER_RECEIVED]: ['routing', 'postal-delivery', 'notification', 'reporting'],
  [PROCESSING_STEP_STARTED]: ['intake', 'postal-delivery', 'reporting'],
  [PROCESSING_STEP_COMPLETED]: ['reporting'],
  [PROCESSING_STEP_RETURNED]: ['reporting'],
  [PROCESSING_SUPPLEMENT_REQUESTED]: ['intake', 'notification', 'reporting'],
  [DOSSIER_SUPPLEMENT_RECEIVED]: ['routing', 'reporting'],
  [PROCESSING_RESUMED]: ['intake', 'reporting'],
  [PROCESSING_REFUSED]: ['intake', 'notification', 'reporting'],
  [PROCESSING_OVERDUE]: ['notification', 'reporting'],
  [PROCESSING_EXTENDED]: ['notification', 'reporting'],
  [PROCESSING_STOPPED]: ['intake', 'notification', 'reporting'],
  [PROCESSING_DUE_SOON]: ['notification', 'reporting'],
  [PROCESSING_ESCALATED]: ['reporting'],
  [DOSSIER_RESOLVED]: ['intake', 'notification', 'postal-delivery', 'reporting'],
  [POSTAL_DELIVERY_CREATED]: ['reporting'],
  [POSTAL_DELIVERY_DELIVERED]: ['intake', 'reporting'],
  [POSTAL_DELIVERY_RETURNED]: ['intake', 'notification', 'reporting'],
  [POSTAL_PICKUP_RECEIVED]: ['intake', 'reporting'],
  [DOSSIER_RESULT_RETURNED]: ['notification', 'reporting'],
  [DOSSIER_WITHDRAWN]: ['reporting'],
  [DOSSIER_DOCUMENT_DIGITIZED]: ['reporting'],
  [DOSSIER_EVALUATED]: ['reporting'],
  [NOTIFICATION_SENT]: ['reporting'], // reporting listens to every type (event log and projections)
  [NOTIFICATION_DELIVERY_FAILED]: ['reporting'],
  [CALENDAR_YEAR_SCHEDULE_REPLACED]: ['routing', 'reporting'],
  [POSTAL_PICKUP_SCHEDULED]: ['notification', 'reporting'],
  [POSTAL_PICKUP_FAILED]: ['notification', 'reporting'],
  [POSTAL_DELIVERY_CANCELLED]: ['intake', 'notification', 'reporting'],
  [POSTAL_DELIVERY_OUT_FOR_DELIVERY]: ['notification', 'reporting'],
  [POSTAL_DELIVERY_ATTEMPT_FAILED]: ['notification', 'reporting'],
  [POSTAL_TRANSFER_HANDED_OVER]: ['routing', 'reporting'],
  [POSTAL_TRANSFER_DELIVERED]: ['routing', 'reporting'],
  [CATALOG_PROCEDURE_VERSION_PUBLISHED]: ['postal-delivery', 'reporting'],
};

export type JsonSchema = Record<string, unknown>;
type Schemas = Record<string, JsonSchema>;
type Ctor = new () => object;

// ------------------------------------------------------------------ names

/** `dossier.result-returned` → `dossierResultReturned`. */
export function channelId(type: string): string {
  return type
    .split(/[.\-_]/)
    .filter(Boolean)
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

/** `dossier.received` v1 → `dossierReceivedV1`. */
export function messageId(type: string, version: number): string {
  return `${channelId(type)}V${version}`;
}

function serviceId(service: string): string {
  return channelId(service);
}

// ------------------------------------------------------------------ class-validator → JSON Schema

function ruleName(m: ValidationMetadata): string {
  // `@IsOptional()`, `@ValidateNested()`, `@IsDefined()`… have a metadata type; the others are
  // `customValidation` with the validator's name (`isString`, `matches`…).
  return m.type === 'customValidation' ? (m.name ?? 'customValidation') : m.type;
}

function where(target: Ctor, property: string): string {
  return `${target.name}.${property}`;
}

function mergeType(schema: JsonSchema, type: string, at: string): void {
  if (schema.type === undefined || schema.type === type) schema.type = type;
  else if (schema.type === 'integer' && type === 'number') return;
  else if (schema.type === 'number' && type === 'integer') schema.type = 'integer';
  else throw new Error(`${at}: conflicting types ${String(schema.type)} and ${type}`);
}

function regexSource(pattern: unknown, modifiers: unknown, at: string): string {
  const re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), typeof modifiers === 'string' ? modifiers : undefined);
  // JSON Schema patterns are ECMA-262 without flags: refuse what would change their meaning.
  const flags = re.flags.replace(/[gyd]/g, '');
  if (flags) throw new Error(`${at}: regular expression /${re.source}/${re.flags} has flags JSON Schema cannot express`);
  return re.source;
}

/** Applies one validation rule to the property (or, for `each: true`, the item) schema. */
function applyRule(schema: JsonSchema, m: ValidationMetadata, target: Ctor, property: string, nested: (cls: Ctor) => JsonSchema): void {
  const at = where(target, property);
  const c = m.constraints ?? [];
  const name = ruleName(m);
  switch (name) {
    case 'conditionalValidation': // @IsOptional / @ValidateIf: handled by `required`
    case 'isDefined':
      return;
    case 'isString':
      return mergeType(schema, 'string', at);
    case 'isInt':
      return mergeType(schema, 'integer', at);
    case 'isNumber':
      return mergeType(schema, 'number', at);
    case 'isBoolean':
      return mergeType(schema, 'boolean', at);
    case 'isLength':
      mergeType(schema, 'string', at);
      if (typeof c[0] === 'number') schema.minLength = c[0];
      if (typeof c[1] === 'number') schema.maxLength = c[1];
      return;
    case 'minLength':
      mergeType(schema, 'string', at);
      schema.minLength = c[0];
      return;
    case 'maxLength':
      mergeType(schema, 'string', at);
      schema.maxLength = c[0];
      return;
    case 'isNotEmpty':
      if (schema.type === 'string' && schema.minLength === undefined) schema.minLength = 1;
      return;
    case 'matches':
      mergeType(schema, 'string', at);
      schema.pattern = regexSource(c[0], c[1], at);
      return;
    case 'isIn': {
      const values = c[0] as unknown[];
      schema.enum = [...values];
      const types = new Set(values.map((v) => (typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v)));
      if (types.size === 1) mergeType(schema, [...types][0] === 'number' ? 'number' : [...types][0], at);
      return;
    }
    case 'equals':
      schema.const = c[0];
      return;
    case 'min':
      schema.minimum = c[0];
      return;
    case 'max':
      schema.maximum = c[0];
      return;
    case 'isPositive':
      schema.exclusiveMinimum = 0;
      return;
    case 'isIso8601':
    case 'isDateString':
      mergeType(schema, 'string', at);
      schema.format = 'date-time';
      return;
    case 'isUuid':
      mergeType(schema, 'string', at);
      schema.format = 'uuid';
      return;
    case 'isEmail':
      mergeType(schema, 'string', at);
      schema.format = 'email';
      return;
    case 'isArray':
      return mergeType(schema, 'array', at);
    case 'arrayMinSize':
      mergeType(schema, 'array', at);
      schema.minItems = c[0];
      return;
    case 'arrayMaxSize':
      mergeType(schema, 'array', at);
      schema.maxItems = c[0];
      return;
    case 'nestedValidation': {
      const meta = defaultMetadataStorage.findTypeMetadata(target, property);
      if (!meta) throw new Error(`${at}: @ValidateNested() without @Type(() => Class) — the nested class is unknown`);
      if (meta.options?.discriminator) throw new Error(`${at}: @Type with a discriminator is not supported`);
      const cls = meta.typeFunction() as Ctor;
      if (typeof cls !== 'function') throw new Error(`${at}: @Type(() => …) does not return a class`);
      Object.assign(schema, nested(cls));
      return;
    }
    default:
      throw new Error(`${at}: validator "${name}" has no JSON Schema mapping in tools/asyncapi/asyncapi.ts`);
  }
}

/**
 * JSON Schema of a class-validator class. Nested classes are added to `schemas` (by class name) and
 * referenced with `$ref: '#/components/schemas/<Class>'`.
 */
export function classSchema(cls: Ctor, schemas: Schemas = {}, owners = new Map<string, Ctor>()): JsonSchema {
  const storage = getMetadataStorage();
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);

  const refTo = (nestedCls: Ctor): JsonSchema => {
    const owner = owners.get(nestedCls.name);
    if (owner === undefined) {
      owners.set(nestedCls.name, nestedCls);
      schemas[nestedCls.name] = {}; // placeholder: a class nested in itself does not recurse forever
      schemas[nestedCls.name] = classSchema(nestedCls, schemas, owners);
    } else if (owner !== nestedCls) {
      throw new Error(`two different classes are named ${nestedCls.name}: component schema names must be unique`);
    }
    return { $ref: `#/components/schemas/${nestedCls.name}` };
  };

  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, rules] of byProperty) {
    const optional = rules.some((m) => m.type === 'conditionalValidation');
    const array = rules.some((m) => m.each || ruleName(m) === 'isArray');
    const schema: JsonSchema = {};
    const item: JsonSchema = {};
    for (const m of rules) applyRule(m.each ? item : schema, m, cls, property, refTo);
    if (array) {
      mergeType(schema, 'array', where(cls, property));
      if (Object.keys(item).length) schema.items = item;
    }
    // A `$ref` must stand alone in draft-07: wrap it when it carries siblings.
    properties[property] = schema.$ref && Object.keys(schema).length > 1 ? { allOf: [{ $ref: schema.$ref }] } : schema;
    if (!optional) required.push(property);
  }
  return { type: 'object', properties, required };
}

// ------------------------------------------------------------------ envelope

/** The envelope (`libs/shared/contracts/src/envelope.ts`, checked by `validateEnvelope`) around `data`. */
export function envelopeSchema(contract: EventContract, data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Unique per event; the inbox deduplicates on it (AMQP messageId).' },
      type: { type: 'string', const: contract.type, description: 'Routing key, past tense.' },
      version: { type: 'integer', const: contract.version, description: 'Schema version of `data`.' },
      occurredAt: { type: 'string', format: 'date-time', description: 'ISO 8601 instant with offset.' },
      source: { type: 'string', description: 'Producing service.', examples: [contract.publisher] },
      correlationId: { type: ['string', 'null'], description: 'The dossier code where there is one.' },
      causationId: { type: ['string', 'null'], description: 'Id of the event that caused this one, if any.' },
      data,
    },
    required: ['id', 'type', 'version', 'occurredAt', 'source', 'correlationId', 'causationId', 'data'],
  };
}

// ------------------------------------------------------------------ document

function consumersOf(type: string): readonly ServiceName[] {
  return CONSUMERS[type] ?? [];
}

export function buildAsyncApi(): Record<string, unknown> {
  const contracts = [...EVENT_CONTRACTS];
  const seen = new Set<string>();
  for (const c of contracts) {
    const key = `${c.type}@${c.version}`;
    if (seen.has(key)) throw new Error(`contract ${key} is registered twice`);
    seen.add(key);
  }
  for (const type of Object.keys(CONSUMERS)) {
    if (!contracts.some((c) => c.type === type)) throw new Error(`CONSUMERS lists ${type}, which has no contract`);
  }

  const schemas: Schemas = {};
  const owners = new Map<string, Ctor>();
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const types = [...new Set(contracts.map((c) => c.type))];

  for (const c of contracts) {
    const dataName = c.schema.name;
    const owner = owners.get(dataName);
    if (owner !== undefined && owner !== c.schema) throw new Error(`two different classes are named ${dataName}`);
    if (owner === undefined) {
      owners.set(dataName, c.schema);
      schemas[dataName] = {}; // reserve the name before nested classes are added
      schemas[dataName] = classSchema(c.schema, schemas, owners);
    }
    messages[messageId(c.type, c.version)] = {
      name: c.type,
      title: `${c.type} v${c.version}`,
      summary: c.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: { 'x-correlation-id': { type: 'string', description: 'Same as the envelope correlationId.' } },
      },
      correlationId: { location: '$message.payload#/correlationId' },
      payload: envelopeSchema(c, { $ref: `#/components/schemas/${dataName}` }),
      bindings: { amqp: { contentEncoding: 'utf-8', messageType: c.type, bindingVersion: AMQP_BINDING_VERSION } },
      'x-version': c.version,
      'x-publisher': c.publisher,
    };
  }

  for (const type of types) {
    const versions = contracts.filter((c) => c.type === type);
    const chId = channelId(type);
    const msgRefs = Object.fromEntries(
      versions.map((c) => [messageId(c.type, c.version), { $ref: `#/components/messages/${messageId(c.type, c.version)}` }]),
    );
    const consumers = consumersOf(type);
    channels[chId] = {
      address: type,
      title: type,
      description:
        `Routing key \`${type}\` on the topic exchange \`${EXCHANGE}\`. ` +
        (consumers.length
          ? `Bound to the queue${consumers.length > 1 ? 's' : ''} ${consumers.map((s) => `\`${QUEUE_PREFIX}.${s}\``).join(', ')}.`
          : 'No service consumes it (the broker drops it).'),
      messages: msgRefs,
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: EXCHANGE, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: AMQP_BINDING_VERSION,
        },
      },
    };
    const channelMessages = Object.keys(msgRefs).map((id) => ({ $ref: `#/channels/${chId}/messages/${id}` }));
    for (const publisher of [...new Set(versions.map((c) => c.publisher))]) {
      operations[`${serviceId(publisher)}Sends${chId[0].toUpperCase()}${chId.slice(1)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${chId}` },
        title: `${publisher} publishes ${type}`,
        summary: `Written to ${publisher}'s transactional outbox with the state change, published by its relay (confirmed, persistent).`,
        tags: [{ name: `service:${publisher}` }],
        messages: channelMessages,
        bindings: { amqp: { deliveryMode: 2, mandatory: false, bindingVersion: AMQP_BINDING_VERSION } },
        'x-service': publisher,
      };
    }
    for (const consumer of consumers) {
      operations[`${serviceId(consumer)}Receives${chId[0].toUpperCase()}${chId.slice(1)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${chId}` },
        title: `${consumer} consumes ${type}`,
        summary:
          `Queue \`${QUEUE_PREFIX}.${consumer}\` (durable), handled once through the inbox; retries via ` +
          `\`${QUEUE_PREFIX}.${consumer}.retry.<n>\`, then \`${QUEUE_PREFIX}.${consumer}.dlq\`.`,
        tags: [{ name: `service:${consumer}` }],
        messages: channelMessages,
        bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
        'x-service': consumer,
        'x-queue': `${QUEUE_PREFIX}.${consumer}`,
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Một cửa platform events',
      version: '1.0.0',
      description:
        'Domain events exchanged by the services through RabbitMQ. Every message is a JSON envelope ' +
        '(`id`, `type`, `version`, `occurredAt`, `source`, `correlationId`, `causationId`, `data`); `type` is ' +
        `the routing key on the durable topic exchange \`${EXCHANGE}\`, \`data\` follows the contract of ` +
        '(`type`, `version`). Delivery is at least once; consumers deduplicate on `id`.\n\n' +
        'Generated by `npm run asyncapi` from `libs/shared/contracts` — do not edit by hand.',
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: {
        host: 'rabbitmq:5672',
        protocol: 'amqp',
        protocolVersion: '0-9-1',
        description: 'The broker of docker-compose.yml (any RabbitMQ 3.x/4.x).',
      },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}

/** Text written to `docs/asyncapi.json` before formatting. */
export function serialize(doc: object): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The README's event table, generated so it cannot drift: `docs/events.md`. */
export function buildEventTable(): string {
  const rows = EVENT_CONTRACTS.map(
    (c) => `| \`${c.type}\` | ${c.version} | ${c.publisher} | ${(CONSUMERS[c.type] ?? []).join(', ') || '—'} | ${c.summary} |`,
  );
  return [
    '# Events',
    '',
    'Generated from `libs/shared/contracts` (publisher, summary) and `tools/asyncapi/asyncapi.ts` (consumers, checked',
    'against the `@EventPattern` handlers) by `npm run asyncapi`. The full schemas are in [asyncapi.json](asyncapi.json).',
    '',
    '| Event | Version | Published by | Consumed by | Meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
