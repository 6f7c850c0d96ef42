/**
 * Validates a document against NIST's OSCAL 1.2.1 catalog JSON schema (catalog/oscal/, draft-07). Ajv is
 * compiled once per process (~0.5 s) and cached; `strict: false` because NIST's schema uses keywords and
 * regex patterns Ajv's strict mode rejects, and ajv-formats for its uri/date-time formats (STACK.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { CATALOG_DIR } from './catalogue-files.js';

const OSCAL_CATALOG_SCHEMA_FILE = path.join(CATALOG_DIR, 'oscal', 'oscal_catalog_schema.json');

interface OscalSchemaError {
  /** Where in the uploaded document, as a JSON pointer ('' is the root). */
  instancePath: string;
  /** The schema rule that failed, as a JSON pointer into the OSCAL catalog schema. */
  schemaPath: string;
  message: string;
}

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: true });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(OSCAL_CATALOG_SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  compiled = ajv.compile(schema);
  return compiled;
}

function describe(error: ErrorObject): OscalSchemaError {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (typeof params.additionalProperty === 'string') message = `${message} (${params.additionalProperty})`;
  if (Array.isArray(params.allowedValues)) message = `${message}: ${params.allowedValues.join(', ')}`;
  return { instancePath: error.instancePath, schemaPath: error.schemaPath, message };
}

/** The first few schema errors (none when valid); the document is the parsed JSON. */
export function validateOscalCatalog(document: unknown, maxErrors = 5): { valid: boolean; errors: OscalSchemaError[] } {
  const validate = validator();
  if (validate(document)) return { valid: true, errors: [] };
  // Under anyOf/oneOf Ajv reports every branch; the deepest instance path is the most specific problem.
  const depth = (e: ErrorObject) => (e.instancePath ? e.instancePath.split('/').length : 0);
  const errors = [...(validate.errors ?? [])].sort((a, b) => depth(b) - depth(a));
  return { valid: false, errors: errors.slice(0, maxErrors).map(describe) };
}
