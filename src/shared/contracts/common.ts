/** Shapes shared by every feature's contracts: ids, paging, errors. No I/O. */
import { z } from 'zod';
import { ERROR_STATUS } from '../errors.js';

export const ZId = z.uuid({ message: 'must be a UUID' });
export const ZIsoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
export const ZIsoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const ZEmail = z
  .string()
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .pipe(z.email({ message: 'must be an e-mail address' }))
  .transform((value) => value.toLowerCase());
/** A name shown to people: trimmed, 1–200 characters, no control characters. */
export const ZName = z
  .string()
  .trim()
  .min(1, { message: 'is required' })
  .max(200, { message: 'must be at most 200 characters' })
  .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' });
export const ZSlug = z
  .string()
  .trim()
  .min(2, { message: 'must be at least 2 characters' })
  .max(64, { message: 'must be at most 64 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case letters, digits and single hyphens' });

export const ZOrgParams = z.object({ orgId: ZId });

/** Server-side paging: every list takes these, and answers with `ZPage`. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZSortDirection = z.enum(['asc', 'desc']);

/** A PATCH field: optional, without the create default. */
type PatchField<F extends z.core.SomeType> = z.ZodOptional<F extends z.ZodDefault<infer Inner> ? Inner : F>;

/**
 * The fields of a PATCH body from the fields of a create body: every field optional and its create default
 * removed. zod 4 applies a default even inside `.optional()` (and so inside `.partial()`), so a PATCH built
 * with `.partial()` would silently reset every field left out to its default; here a field left out stays
 * out, and the service keeps the stored value.
 */
export function patchShape<S extends z.ZodRawShape>(shape: S): { [K in keyof S]: PatchField<S[K]> } {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    fields[key] = inner.optional();
  }
  return fields as { [K in keyof S]: PatchField<S[K]> };
}

export const ZApiError = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
      message: z.string(),
      requestId: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'ApiError' });

export const ZOk = z.object({ ok: z.literal(true) });
export type TPageQuery = z.infer<typeof ZPageQuery>;
