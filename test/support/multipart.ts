// A small multipart/form-data parser for the fake Telegram server: enough for what telegraf sends
// (text fields and file parts, headers written with or without a space after the colon), and it
// keeps file bytes exactly, so a test can compare the PNG it sent with the one that arrived.

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string | null;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: MultipartFile[];
}

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]!).trim() : null;
}

function headerMap(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function dispositionParam(disposition: string, name: string): string | null {
  const m = new RegExp(`${name}="([^"]*)"`, 'i').exec(disposition);
  return m ? m[1]! : null;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const result: MultipartBody = { fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  if (start < 0) throw new Error('multipart: no opening boundary');
  for (;;) {
    const afterDelimiter = start + delimiter.length;
    // `--boundary--` closes the body
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerStart = afterDelimiter + 2; // skip CRLF
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) throw new Error('multipart: part without a header block');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart: part without a closing boundary');
    const headers = headerMap(body.subarray(headerStart, headerEnd).toString('utf8'));
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers['content-disposition'] ?? '';
    const field = dispositionParam(disposition, 'name');
    const filename = dispositionParam(disposition, 'filename');
    if (field !== null) {
      if (filename !== null) {
        result.files.push({
          field,
          filename,
          contentType: headers['content-type'] ?? null,
          bytes: Buffer.from(content),
        });
      } else {
        result.fields[field] = content.toString('utf8');
      }
    }
    start = next + 2;
  }
  return result;
}
