// The report's stylesheet, inlined in every HTML file so it needs nothing else to open. Phone first:
// one column, no text under 14px, no sideways page scroll at 390px (under 480px every table turns into
// cards, one card a row, each value under its column's name; wider screens keep tables, which scroll
// sideways inside their own box), charts as thumbnails that open in place. Print friendly: no scroll
// boxes, tables shrink to the page, charts at full width, figures and rows not split across pages.

export const REPORT_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1c1e21;background:#f4f5f7;overflow-wrap:anywhere}
main{max-width:1100px;margin:0 auto;padding:12px;background:#fff}
header h1{font-size:1.35rem;margin:4px 0;overflow-wrap:normal}
.meta{color:#555;margin:0 0 8px}
h2{font-size:1.15rem;margin:22px 0 8px;padding-bottom:4px;border-bottom:2px solid #e3e5e8}
p{margin:6px 0}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:6px 0}
table{border-collapse:collapse;font-size:.875rem;min-width:100%}
th,td{padding:4px 7px;border-bottom:1px solid #e3e5e8;text-align:left;vertical-align:top;overflow-wrap:normal}
th{background:#f0f2f5;font-weight:600;white-space:nowrap}
th a{color:inherit;text-decoration:none;border-bottom:1px dotted #888}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap{white-space:nowrap}
table.names td{white-space:nowrap}
table.names td:nth-child(2){position:sticky;left:0;background:#fff}
table.names td.wide{white-space:normal;min-width:16em;color:#444}
tbody tr:hover td{background:#f5f8ff}
.trend{font-weight:700}
.trend-up{color:#0a7d32}.trend-down{color:#c62828}.trend-flat{color:#777}.trend-new{color:#b26a00}
.level{display:inline-block;padding:0 6px;border-radius:8px;font-size:.875rem;background:#eceff1}
.level-high,.level-emergency,.level-critical{background:#fdecea;color:#b71c1c}
.level-medium,.level-warning{background:#fff4e5;color:#8a4b00}
.level-low,.level-info{background:#fffbe6;color:#6d5d00}
.charts{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}
details.chart{flex:0 1 250px;min-width:0;border:1px solid #e3e5e8;border-radius:6px;padding:4px;break-inside:avoid;page-break-inside:avoid}
details.chart summary{display:block;list-style:none;cursor:zoom-in}
details.chart summary::-webkit-details-marker{display:none}
details.chart[open]{flex-basis:100%}
details.chart[open] summary{cursor:zoom-out}
.chart-box{display:block}
.chart-box img{display:block;width:100%;height:auto}
.caption{display:block;font-size:.875rem;color:#555;margin-top:2px}
ul.freshness{list-style:none;padding:0;margin:6px 0}
ul.freshness li{padding:2px 0}
li.stale,.warn{color:#8a4b00}
li.fresh{color:#0a7d32}
.note{color:#555;font-style:italic}
dl{margin:6px 0}
dt{font-weight:600;margin-top:10px}
dd{margin:2px 0 0 0}
.caveat{display:block;color:#555;font-size:.875rem}
footer{margin-top:24px;padding-top:8px;border-top:1px solid #e3e5e8;color:#666;font-size:.875rem}
@media (max-width:600px){
  main{padding:10px}
  th,td{padding:4px 5px}
  details.chart{flex:0 1 calc(50% - 5px)}
  details.chart[open] .chart-box{overflow-x:auto;-webkit-overflow-scrolling:touch}
  details.chart[open] .chart-box img{width:760px;max-width:none}
}
@media (max-width:480px){
  .table-wrap{overflow:visible}
  table,thead,tbody,td{display:block}
  table{min-width:0;font-size:.9375rem}
  thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  tr{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px;padding:8px 2px;border-bottom:1px solid #d5d8dc}
  tr::after{content:'';flex:0 0 100%;order:-1;height:0}
  td,table.names td{flex:0 0 calc(25% - 9px);border:0;padding:0;white-space:normal;overflow-wrap:break-word;text-align:left}
  td::before{content:attr(data-label);display:block;font-size:.875rem;color:#666}
  td.lead,table.names td.lead{flex:0 0 auto;order:-1;font-size:1.05rem;font-weight:600}
  td.lead::before{display:none}
  td.num,td.nowrap{text-align:left;white-space:normal}
  td.blank{display:none}
  td.wide,table.names td.wide{flex:0 0 100%;min-width:0}
  table.names td:nth-child(2){position:static;background:none}
  tbody tr:hover td{background:none}
}
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
  details.chart{flex-basis:100%;border:0;padding:0}
  #charts > .note{display:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`.trim();
