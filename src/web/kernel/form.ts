/**
 * Forms derived from the shared contracts: the same zod schema the API validates with checks the form
 * before it is sent, and the API's own `issues` (paths like `body.email`) land inline on the field of
 * that name. Both read `field: problem`, so a person sees the same words whichever side caught it.
 * Values are kept on a failed save (no data lost).
 */
import { useCallback, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError, isApiError } from './api-client.js';

type FieldErrors<K extends string> = Partial<Record<K, string>>;

export interface ContractFormOptions<V extends Record<string, unknown>, S extends z.ZodType> {
  initialValues: V;
  /** The request contract (e.g. `ZLoginRequest`). */
  schema: S;
  /** Visible label of each field: used for the `field: problem` messages. */
  labels: Record<keyof V & string, string>;
  /** Turns the form's values into the request's input (e.g. a date into an instant). Defaults to the values. */
  toRequest?: (values: V) => unknown;
}

export interface ContractForm<V extends Record<string, unknown>, S extends z.ZodType> {
  values: V;
  errors: FieldErrors<keyof V & string>;
  /** An API error that names no field of this form (or names none at all): shown above the buttons. */
  formError: ApiError | null;
  isDirty: boolean;
  isSubmitting: boolean;
  setValue: <K extends keyof V & string>(name: K, value: V[K]) => void;
  /** Props for a Mantine text-like input bound to a string field. */
  textProps: (name: keyof V & string) => { name: string; label: string; value: string; error: string | undefined; onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void };
  /** Returns the submit handler of the <form>: validates, calls `send`, and maps API issues inline. */
  onSubmit: (send: (request: z.infer<S>) => Promise<unknown>) => (event?: FormEvent) => void;
  reset: (values?: V) => void;
  setFormError: (error: ApiError | null) => void;
}

function problemText(label: string, message: string): string {
  return `${label}: ${message}`;
}

/** The field an issue path names: the last segment that is a field of this form (`body.permissions.0` → `permissions`). */
export function fieldOfPath<K extends string>(segments: readonly PropertyKey[], fields: readonly K[]): K | null {
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const segment = String(segments[i]);
    const match = fields.find((field) => field === segment);
    if (match) return match;
  }
  return null;
}

export function useContractForm<V extends Record<string, unknown>, S extends z.ZodType>(options: ContractFormOptions<V, S>): ContractForm<V, S> {
  const { schema, labels, toRequest } = options;
  const initialRef = useRef(options.initialValues);
  const [values, setValues] = useState<V>(options.initialValues);
  const [errors, setErrors] = useState<FieldErrors<keyof V & string>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const fields = useMemo(() => Object.keys(labels) as (keyof V & string)[], [labels]);

  const setValue = useCallback(<K extends keyof V & string>(name: K, value: V[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }, []);

  const textProps = useCallback(
    (name: keyof V & string) => ({
      name,
      label: labels[name],
      value: String(values[name] ?? ''),
      error: errors[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValue(name, event.currentTarget.value as V[typeof name]),
    }),
    [errors, labels, setValue, values],
  );

  const applyIssues = useCallback(
    (issues: { segments: readonly PropertyKey[]; message: string; path: string }[]): string[] => {
      const next: FieldErrors<keyof V & string> = {};
      const unmatched: string[] = [];
      for (const issue of issues) {
        const field = fieldOfPath(issue.segments, fields);
        if (field && !next[field]) next[field] = problemText(labels[field], issue.message);
        if (!field) unmatched.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
      }
      setErrors(next);
      return unmatched;
    },
    [fields, labels],
  );

  const onSubmit = useCallback(
    (send: (request: z.infer<S>) => Promise<unknown>) => (event?: FormEvent) => {
      event?.preventDefault();
      if (isSubmitting) return;
      setFormError(null);
      const parsed = schema.safeParse(toRequest ? toRequest(values) : values);
      if (!parsed.success) {
        const unmatched = applyIssues(parsed.error.issues.map((issue) => ({ segments: issue.path, message: issue.message, path: issue.path.map(String).join('.') })));
        if (unmatched.length) setFormError(new ApiError({ code: 'validation_failed', message: unmatched.join('; '), status: 400, requestId: null }));
        return;
      }
      setErrors({});
      setSubmitting(true);
      send(parsed.data)
        .then(() => undefined)
        .catch((error: unknown) => {
          if (!isApiError(error)) {
            setFormError(new ApiError({ code: 'internal', message: error instanceof Error ? error.message : 'something went wrong', status: 0, requestId: null }));
            return;
          }
          const unmatched = applyIssues(error.issues.map((issue) => ({ segments: issue.path.split('.'), message: issue.message, path: issue.path })));
          if (error.issues.length === 0 || unmatched.length > 0) setFormError(error);
        })
        .finally(() => setSubmitting(false));
    },
    [applyIssues, isSubmitting, schema, toRequest, values],
  );

  const reset = useCallback((next?: V) => {
    const base = next ?? initialRef.current;
    initialRef.current = base;
    setValues(base);
    setErrors({});
    setFormError(null);
  }, []);

  const isDirty = useMemo(() => JSON.stringify(values) !== JSON.stringify(initialRef.current), [values]);

  return { values, errors, formError, isDirty, isSubmitting, setValue, textProps, onSubmit, reset, setFormError };
}
