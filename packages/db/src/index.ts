export {
  createDatabase,
  type Database,
  type DatabaseOptions,
  type Db,
  defaultDataDir,
  isDatabaseUnavailable,
  type ListenOptions,
  migrationsFolder,
  notify,
  queryRows,
  type Tx,
} from './client.ts';
export { hashPassword, NO_ACCOUNT_HASH, verifyPassword } from './crypto/passwords.ts';
export {
  DEVELOPMENT_SECRETS_KEY,
  decryptSecret,
  encryptSecret,
  parseSecretsKey,
  type SecretsKey,
} from './crypto/tenant-secrets.ts';
export type {
  ConsoleRole,
  DeliveryStatus,
  EventProducer,
  FeatureStatus,
  FeatureWindows,
  HealthBand,
  HealthSignal,
  HealthSignalName,
  PointsBucket,
  PointsEntryKind,
  ReferralStatus,
  ValueFigure,
  ValueFigureSpec,
  ValueLabelRule,
} from './schema/index.ts';
export * as schema from './schema/index.ts';
export { DEMO, DEMO_ORIGINS, seedDemo } from './seed.ts';
export { createStarterPrograms } from './starter.ts';
export { backfillSecretKeyDigests, credentialKeyPair, insertTenant, type NewTenant, rotateSecretKey, secretKeyDigest } from './tenants.ts';
