// The report's stylesheet, inlined in every HTML file so it needs nothing else to open. Phone first
// (one column, wide tables scroll sideways inside their box, images shrink to the screen), print
// friendly (no scroll boxes, tables shrink to the page, figures and rows are not split across pages).

export const REPORT_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:15px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1e21;background:#f4f5f7}
main{max-width:1100px;margin:0 auto;padding:12px;background:#fff}
header h1{font-size:1.35rem;margin:4px 0}
.meta{color:#555;margin:0 0 8px}
h2{font-size:1.1rem;margin:22px 0 8px;padding-bottom:4px;border-bottom:2px solid #e3e5e8}
p{margin:6px 0}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0}
table{border-collapse:collapse;font-size:.85rem;min-width:100%}
th,td{padding:4px 7px;border-bottom:1px solid #e3e5e8;text-align:left;vertical-align:top}
th{background:#f0f2f5;font-weight:600;white-space:nowrap}
th a{color:inherit;text-decoration:none;border-bottom:1px dotted #888}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap{white-space:nowrap}
table.names td{white-space:nowrap}
table.names td:nth-child(2){position:sticky;left:0;background:#fff}
table.names td:last-child{white-space:normal;min-width:16em;font-size:.8rem;color:#444}
tbody tr:hover td{background:#f5f8ff}
.trend{font-weight:700}
.trend-up{color:#0a7d32}.trend-down{color:#c62828}.trend-flat{color:#777}.trend-new{color:#b26a00}
.level{display:inline-block;padding:0 6px;border-radius:8px;font-size:.8rem;background:#eceff1}
.level-high,.level-emergency,.level-critical{background:#fdecea;color:#b71c1c}
.level-medium,.level-warning{background:#fff4e5;color:#8a4b00}
.level-low,.level-info{background:#fffbe6;color:#6d5d00}
figure{margin:10px 0;break-inside:avoid;page-break-inside:avoid}
figure img{display:block;max-width:100%;height:auto;border:1px solid #e3e5e8}
figcaption{font-size:.85rem;color:#555;margin-top:2px}
ul.freshness{list-style:none;padding:0;margin:6px 0}
ul.freshness li{padding:2px 0}
li.stale,.warn{color:#8a4b00}
li.fresh{color:#0a7d32}
.note{color:#555;font-style:italic}
dl{margin:6px 0}
dt{font-weight:600;margin-top:10px}
dd{margin:2px 0 0 0}
.caveat{display:block;color:#555;font-size:.9em}
footer{margin-top:24px;padding-top:8px;border-top:1px solid #e3e5e8;color:#777;font-size:.8rem}
@media (max-width:600px){body{font-size:14px}main{padding:8px}table{font-size:.78rem}th,td{padding:3px 5px}}
@media print{
  body{background:#fff;font-size:10pt}
  main{max-width:none;padding:0}
  .table-wrap{overflow:visible}
  table{font-size:7.5pt;min-width:0}
  th,td{padding:2px 3px}
  table.names td:nth-child(2){position:static}
  tr,dt,dd{break-inside:avoid;page-break-inside:avoid}
  h2{break-after:avoid;page-break-after:avoid}
  a{color:inherit;text-decoration:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();
