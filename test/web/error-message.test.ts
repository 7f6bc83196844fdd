/** Error messages in the UI language (web/src/format.ts errorMessage), with what the problem's details say. */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.js';
import { errorMessage } from '../../web/src/format.js';
import { webT } from '../support/web-i18n.js';

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

describe('errorMessage', () => {
  it('says the size limit and the file size of a refused upload, in MiB and bytes (QA sbomra 5)', () => {
    const over = new ApiError(413, 'request.too_large', '', [], {
      limitBytes: 41943040,
      sizeBytes: 42991626,
    });
    expect(errorMessage(en, over)).toBe(
      "The file is 41.0 MiB (42,991,626 bytes), over the server's limit of 40.0 MiB (41,943,040 bytes).",
    );
    expect(errorMessage(ja, over)).toBe(
      'ファイルの大きさ 41.0 MiB（42,991,626 バイト）がサーバーの上限 40.0 MiB（41,943,040 バイト）を超えています。',
    );
    // A body sent without its size: the limit only.
    const unsized = new ApiError(413, 'request.too_large', '', [], { limitBytes: 41943040 });
    expect(errorMessage(en, unsized)).toBe(
      'The file is larger than the server accepts: at most 40.0 MiB (41,943,040 bytes).',
    );
    expect(errorMessage(ja, unsized)).toBe(
      'ファイルがサーバーの上限 40.0 MiB（41,943,040 バイト）を超えています。',
    );
    // An older server's answer without details keeps the general sentence.
    expect(errorMessage(ja, new ApiError(413, 'request.too_large', ''))).toBe(
      'ファイルがサーバーの上限を超えています。',
    );
  });
});
