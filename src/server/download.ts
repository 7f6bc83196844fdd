/**
 * Sends a document the server issues (an export, a report, a file kept as uploaded) after recording
 * it in the audit log (`export.download`, ADR 0005 addendum): which document, about what, in which
 * format, to whom, with the size and SHA-256 of the bytes sent. The entry is written before the
 * document leaves; if it cannot be written, the document is not sent. HEAD requests send no document
 * and are not recorded.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/context.js';
import { recordDownload, type IssuedDocument } from '../services/record-access.js';
import { attachment } from './content-disposition.js';

export interface Download extends Omit<IssuedDocument, 'size' | 'sha256' | 'fileName' | 'mediaType'> {
  readonly fileName: string;
  readonly mediaType: string;
  readonly body: string | Uint8Array;
  /** Extra response headers (x-content-sha256 of a stored file). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export async function sendDownload(
  ctx: ServiceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  d: Download,
): Promise<FastifyReply> {
  const bytes =
    typeof d.body === 'string'
      ? Buffer.from(d.body, 'utf8')
      : Buffer.from(d.body.buffer, d.body.byteOffset, d.body.byteLength);
  if (request.method !== 'HEAD') {
    const { body: _body, headers: _headers, ...issued } = d;
    await recordDownload(ctx, request.auth!.actor, {
      ...issued,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  reply.type(d.mediaType).header('content-disposition', attachment(d.fileName));
  for (const [name, value] of Object.entries(d.headers ?? {})) reply.header(name, value);
  return reply.serializer((x) => x as string).send(typeof d.body === 'string' ? d.body : bytes);
}
