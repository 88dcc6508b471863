import { Agency } from '../catalog/agency.entity';
import { Procedure } from '../catalog/procedure.entity';
import { DOSSIER_ENTITIES } from '../dossiers/dossier.repository';
import { Initial1795600676023 } from './migrations/1795600676023-initial';

export const INTAKE_ENTITIES = [Agency, Procedure, ...DOSSIER_ENTITIES];
export const INTAKE_MIGRATIONS = [Initial1795600676023];
