import { ApiKeyEntity } from '../modules/api-key/api-key.entity';
import { AuditEntryEntity } from '../modules/audit/audit-entry.entity';
import { IdempotencyRequestEntity } from '../modules/bulk-import/idempotency-request.entity';
import { CityEntity } from '../modules/city/city.entity';
import { CollectiveInnovationContractEntity } from '../modules/collective-innovation-contract/collective-innovation-contract.entity';
import { CraftsmanAcademyEntity } from '../modules/craftsman-academy/craftsman-academy.entity';
import { CraftsmanEntity } from '../modules/craftsman/craftsman.entity';
import { DistrictEntity } from '../modules/district/district.entity';
import { EnterpriseEntity } from '../modules/enterprise/enterprise.entity';
import { GoalEntity } from '../modules/goal/goal.entity';
import { InnovationStudioEntity } from '../modules/innovation-studio/innovation-studio.entity';
import { ProvinceEntity } from '../modules/province/province.entity';
import { ReportedFigureEntity } from '../modules/reported-figure/reported-figure.entity';
import { SourceEntity } from '../modules/source/source.entity';

/** Every table's entity; the tables themselves come only from migrations/. */
export const ENTITIES = [
  SourceEntity,
  ProvinceEntity,
  CityEntity,
  DistrictEntity,
  EnterpriseEntity,
  CraftsmanEntity,
  InnovationStudioEntity,
  CraftsmanAcademyEntity,
  CollectiveInnovationContractEntity,
  GoalEntity,
  ReportedFigureEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  IdempotencyRequestEntity,
];
