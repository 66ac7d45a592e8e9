import type { LineFormat } from '../../domain/line-format';
import type { OptionsSnapshot } from '../../domain/short-supply';
import { ParseError } from '../../shared/errors';
import { ChainShapeError, mapChain } from './map';
import { cboeChainSchema } from './schemas';

// A saved Cboe chain (`{SYM}.json` as the CDN serves it, or re-serialized by a tool: OpenBB's test data is
// Python json.dumps spacing) for `squeezebot import`. Recognised by content: one JSON object on its first
// line with `"data"` and `"options"` in it (the CDN sends the chain on one line; a pretty-printed file
// whose first line is a bare `{` is not recognised). Read whole, then summarised like a fetched chain.

export const cboeChainFileFormat: LineFormat<OptionsSnapshot> = {
  kind: 'cboe-options-chain',
  dataset: 'options',
  recognise(_fileName, firstLine) {
    const head = firstLine.trimStart();
    return head.startsWith('{') && head.includes('"data"') && head.includes('"options"');
  },
  begin(fileName, header) {
    const parts = [header];
    return {
      line(text) {
        parts.push(text);
        return null;
      },
      end(lastLineNo) {
        let body: unknown;
        try {
          body = JSON.parse(parts.join('\n'));
        } catch (err) {
          throw new ParseError(fileName, lastLineNo, `not a whole JSON document: ${(err as Error).message}`);
        }
        const parsed = cboeChainSchema.safeParse(body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new ParseError(
            fileName,
            1,
            `not a Cboe options chain: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          );
        }
        // the file's own timestamp has no zone (FORMATS-keyless.md §6): kept as written
        const takenAt = parsed.data.timestamp?.replace(' ', 'T') ?? parsed.data.data.last_trade_time;
        try {
          return [mapChain(parsed.data, takenAt)];
        } catch (err) {
          if (err instanceof ChainShapeError) throw new ParseError(fileName, 1, err.message);
          throw err;
        }
      },
    };
  },
};
