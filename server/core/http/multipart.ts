import type { MultipartFile } from '@fastify/multipart';

/** The plain fields of a multipart form that were sent before its file part. */
export function multipartFields(file: MultipartFile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(file.fields)) {
    const field = Array.isArray(value) ? value[0] : value;
    if (field && field.type === 'field') out[name] = field.value;
  }
  return out;
}
