import { fmtInstant, fmtNum, fmtPct, fmtPrice, fmtTimes, words } from '../chat/format';
import { alignColumns, escapeHtml } from '../chat/html';

// The daily digest as an email: top candidates, new alerts, pipeline health. Pure (model in,
// subject/html/text out) so it is tested without SMTP and the same model can feed other renderers.

export interface DigestCandidate {
  rank: number | null;
  symbol: string;
  score: number;
  level: string | null;
  fuel: number | null;
  trigger: number | null;
  close: number | null;
  volumeSpike: number | null;
  siPercentFloat: number | null;
}

export interface DigestAlert {
  id: number;
  kind: string;
  severity: string;
  title: string;
  createdAt: string;
  acked: boolean;
}

export interface DigestHealth {
  runId: string;
  status: string;
  healthScore: number | null;
  finishedAt: string | null;
  stages: { name: string; status: string; symbolsIn: number; symbolsOut: number }[];
}

export interface DigestChart {
  cid: string;
  filename: string;
  png: Buffer;
  caption: string;
}

export interface DigestModel {
  asOf: string | null;
  generatedAt: string;
  top: DigestCandidate[];
  alerts: DigestAlert[];
  health: DigestHealth | null;
  delivery: { queued: number; deadLetters: number };
  charts?: DigestChart[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer; cid: string }[];
}

const TD = 'style="padding:2px 8px;border-bottom:1px solid #ddd"';
const TH = 'style="padding:2px 8px;text-align:left;border-bottom:2px solid #999"';

function htmlTable(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((h) => `<th ${TH}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td ${TD}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table style="border-collapse:collapse;font-size:13px">${head}\n${body}</table>`;
}

export function renderDigest(m: DigestModel): RenderedEmail {
  const topHeader = ['#', 'Symbol', 'Score', 'Level', 'Fuel', 'Trigger', 'Close', 'Vol spike', 'SI % float'];
  const topRows = m.top.map((c) => [
    c.rank ? String(c.rank) : '—', c.symbol, fmtNum(c.score), c.level ?? '—', fmtNum(c.fuel), fmtNum(c.trigger),
    fmtPrice(c.close), fmtTimes(c.volumeSpike), fmtPct(c.siPercentFloat),
  ]);
  const alertHeader = ['#', 'Kind', 'Severity', 'Alert', 'When', 'Ack'];
  const alertRows = m.alerts.map((a) => [String(a.id), a.kind, a.severity, a.title, fmtInstant(a.createdAt), a.acked ? 'yes' : 'no']);
  const stageHeader = ['Stage', 'Status', 'In', 'Out'];
  const stageRows = (m.health?.stages ?? []).map((s) => [words(s.name), s.status, String(s.symbolsIn), String(s.symbolsOut)]);
  const healthLine = m.health
    ? `Run ${m.health.runId}: ${m.health.status}, health ${fmtNum(m.health.healthScore)}, finished ${fmtInstant(m.health.finishedAt)}.`
    : 'No pipeline run yet.';
  const deliveryLine = `Outbox: ${m.delivery.queued} waiting, ${m.delivery.deadLetters} dead letter(s).`;
  const subject = `[squeezebot] Daily digest ${m.asOf ?? m.generatedAt.slice(0, 10)}: ${m.top.length} candidate(s), ${m.alerts.length} new alert(s)`;

  const section = (title: string, body: string) => `<h3 style="margin:16px 0 6px">${escapeHtml(title)}</h3>\n${body}`;
  const charts = (m.charts ?? [])
    .map((c) => `<p><img src="cid:${escapeHtml(c.cid)}" alt="${escapeHtml(c.caption)}" style="max-width:100%"><br><i>${escapeHtml(c.caption)}</i></p>`)
    .join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px;color:#222">',
    `<h2 style="margin:0 0 4px">squeezebot daily digest</h2><p style="margin:0;color:#666">as of ${escapeHtml(m.asOf ?? '—')} · generated ${escapeHtml(fmtInstant(m.generatedAt))}</p>`,
    section('Top candidates', m.top.length ? htmlTable(topHeader, topRows) : '<p>No candidates scored.</p>'),
    charts,
    section('New alerts (24 h)', m.alerts.length ? htmlTable(alertHeader, alertRows) : '<p>No new alerts.</p>'),
    section('Pipeline health', `<p>${escapeHtml(healthLine)}</p>${stageRows.length ? htmlTable(stageHeader, stageRows) : ''}<p>${escapeHtml(deliveryLine)}</p>`),
    '</body></html>',
  ].join('\n');

  const text = [
    `squeezebot daily digest — as of ${m.asOf ?? '—'} (generated ${fmtInstant(m.generatedAt)})`,
    '',
    'TOP CANDIDATES',
    m.top.length ? alignColumns(topHeader, topRows) : 'No candidates scored.',
    '',
    'NEW ALERTS (24 h)',
    m.alerts.length ? alignColumns(alertHeader, alertRows) : 'No new alerts.',
    '',
    'PIPELINE HEALTH',
    healthLine,
    ...(stageRows.length ? [alignColumns(stageHeader, stageRows)] : []),
    deliveryLine,
  ].join('\n');

  const attachments = (m.charts ?? []).map((c) => ({ filename: c.filename, contentType: 'image/png', content: c.png, cid: c.cid }));
  return { subject, html, text, attachments };
}
