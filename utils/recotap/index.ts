/** Public API of the Recotap client (background only; see eslint.config.js). */
export { createRecotapClient, type RecotapClient, type RecotapClientOptions } from './client';
export type { CallOptions } from './accounts-api';
export { normalizeDomainList } from './accounts-api';
export { normalizeApiDomain } from './domain';
export { RecotapError, BulkPartialError, isDuplicateActivityError, isRetryableError, toErrorView, type FieldError, type RecotapErrorKind } from './errors';
export { parseRetryAfter, collectFieldErrors } from './error-response';
export { RECOTAP_BASE_URLS, resolveBaseUrl, type BaseUrlChoice } from './base-url';
export { BULK_LIMITS } from './bulk';
export { iteratePages, drainPages, type Page } from './paging';
export type { RequestEvent } from './http';
export * from './schemas';
export {
  AccountInputSchema, DealInputSchema, ActivityInputSchema, PipelineInputSchema, ExternalIdMappingSchema, CustomFieldInputSchema,
  ListAccountsParamsSchema,
  type AccountInput, type DealInput, type ActivityInput, type PipelineInput, type ExternalIdMapping, type CustomFieldInput, type ListAccountsParams,
} from './request-schemas';
