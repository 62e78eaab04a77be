// The one stylesheet of the web pages: small, no framework, phone first. Served inline or as /assets/app.css.
export const APP_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:#1c2430;background:#f4f6f9}
a{color:#0b5cad}
h1{font-size:1.4rem;margin:0 0 .75rem;line-height:1.25}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
p{margin:.4rem 0 .8rem}
.topbar{background:#0d3b66;color:#fff}
.topbar-inner{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem}
.brand{color:#fff;font-weight:700;text-decoration:none;margin-right:auto}
.nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;font-size:.95rem}
.nav a{color:#dbe7f5;text-decoration:none;padding:.35rem .1rem}
.nav a[aria-current=page]{color:#fff;border-bottom:2px solid #f4d35e}
.nav .who{color:#b9cce2;font-size:.85rem}
.nav form{margin:0}
.nav button{background:none;border:1px solid #8fb0d3;color:#fff;border-radius:4px;padding:.25rem .6rem;font:inherit;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem}
.narrow{max-width:30rem}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:1rem;margin:0 0 1rem}
.muted{color:#5b6776;font-size:.9rem}
.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85rem;word-break:break-all}
.break{overflow-wrap:break-word;word-break:normal}
.flash{border-radius:6px;padding:.6rem .8rem;margin:0 0 1rem;border:1px solid}
.flash-success{background:#e8f6ec;border-color:#8fd3a4;color:#14532d}
.flash-error{background:#fdecec;border-color:#f1a3a3;color:#7f1d1d}
.flash-info{background:#e9f2fc;border-color:#9cc3ea;color:#123e6b}
.flash-warning{background:#fff6e0;border-color:#f0c96a;color:#6b4a00}
.flash ul{margin:.3rem 0 0;padding-left:1.2rem}
.btn{display:inline-block;font:inherit;font-weight:600;border-radius:6px;padding:.55rem 1rem;border:1px solid #0b5cad;background:#0b5cad;color:#fff;text-decoration:none;cursor:pointer;text-align:center;min-height:2.6rem}
.btn:hover{background:#094a8b}
.btn-secondary{background:#fff;color:#0b5cad}
.btn-secondary:hover{background:#eef4fb}
.btn-danger{background:#b42318;border-color:#b42318}
.btn-danger:hover{background:#8f1c13}
.btn-success{background:#15803d;border-color:#15803d}
.btn-block{display:block;width:100%}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-start}
.action{flex:1 1 16rem}
.field{margin:0 0 .9rem}
.field label,.field .label{display:block;font-weight:600;margin:0 0 .25rem}
.field .hint{display:block;color:#5b6776;font-size:.85rem;margin:.15rem 0 .25rem;font-weight:400}
input[type=text],input[type=password],input[type=email],input[type=date],input[type=number],input[type=file],input[type=datetime-local],select,textarea{width:100%;font:inherit;padding:.5rem .6rem;border:1px solid #aab4c0;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:6rem;resize:vertical}
input:focus,select:focus,textarea:focus{outline:2px solid #5b9bd5;outline-offset:1px}
.field-invalid input,.field-invalid select,.field-invalid textarea{border-color:#b42318;background:#fffafa}
.field-error{display:block;color:#b42318;font-size:.9rem;margin-top:.25rem;font-weight:600}
.checks{display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.checks label{font-weight:400;display:flex;gap:.4rem;align-items:flex-start}
fieldset{border:1px solid #dde3ea;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem;background:#fff;min-width:0}
legend{font-weight:700;padding:0 .3rem}
.badge{display:inline-block;border-radius:999px;padding:.1rem .6rem;font-size:.8rem;font-weight:700;white-space:nowrap;border:1px solid transparent}
.tone-neutral{background:#eef0f3;color:#374151;border-color:#cfd5dc}
.tone-info{background:#e0ecfb;color:#0b4a8b;border-color:#a9c8ee}
.tone-teal{background:#e4f4f7;color:#0e5866;border-color:#9fd2dc}
.tone-purple{background:#efe7fb;color:#4c1d95;border-color:#c9b4ee}
.tone-ok{background:#e3f5e8;color:#14532d;border-color:#96d4a8}
.tone-bad{background:#fde8e8;color:#8a1c12;border-color:#f0a5a0}
.tone-warning{background:#fff3d6;color:#6b4a00;border-color:#f0c96a}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;background:#fff;border:1px solid #dde3ea;border-radius:8px;margin:0 0 1rem}
table.data{border-collapse:collapse;width:100%;min-width:36rem;font-size:.92rem}
table.data th,table.data td{padding:.5rem .6rem;border-bottom:1px solid #e6eaef;text-align:left;vertical-align:top}
table.data th{background:#f7f9fb;font-weight:700;white-space:nowrap}
table.data td.num,table.data th.num{text-align:right;font-variant-numeric:tabular-nums}
table.data tbody tr:last-child td{border-bottom:0}
table.data tfoot td{font-weight:700;background:#f7f9fb}
.tabs{display:flex;gap:.25rem;overflow-x:auto;border-bottom:1px solid #cfd5dc;margin:0 0 1rem;padding:0}
.tabs a{padding:.5rem .8rem;text-decoration:none;color:#374151;white-space:nowrap;border-bottom:3px solid transparent}
.tabs a[aria-current=page]{color:#0b5cad;border-bottom-color:#0b5cad;font-weight:700}
.pager{display:flex;gap:.5rem;align-items:center;justify-content:center;margin:1rem 0}
.pager span{color:#5b6776}
.empty{text-align:center;color:#5b6776;padding:2rem 1rem;background:#fff;border:1px dashed #cfd5dc;border-radius:8px}
.empty strong{display:block;color:#1c2430;margin-bottom:.25rem}
.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem;margin:0}
.kv dt{color:#5b6776}
.kv dd{margin:0;overflow-wrap:anywhere;min-width:0}
.timeline{list-style:none;margin:0;padding:0}
.timeline li{border-left:3px solid #a9c8ee;padding:0 0 .8rem .8rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-7px;top:.35rem;width:11px;height:11px;border-radius:50%;background:#0b5cad}
.split{display:grid;gap:1rem}
@media (min-width:60rem){.split{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}.split .sticky{position:sticky;top:1rem;align-self:start}}
.preview{width:100%;height:70vh;border:1px solid #cfd5dc;border-radius:6px;background:#fff}
.letter-grid{display:grid;gap:0 1rem}
.letter-grid>div,.letter-grid>section{min-width:0}
.g-acts>h2:first-child{margin-top:.5rem}
@media (min-width:60rem){.letter-grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr);grid-template-rows:auto 1fr;grid-template-areas:"info letter" "acts letter";align-items:start}.g-info{grid-area:info}.g-letter{grid-area:letter;position:sticky;top:1rem}.g-acts{grid-area:acts}.g-letter .preview{height:80vh}}
.btn-small{min-height:2.1rem;padding:.3rem .7rem;font-size:.9rem}
.confirm{display:flex !important;gap:.5rem;align-items:flex-start;font-weight:600}
.confirm input{margin-top:.3rem;width:1.1rem;height:1.1rem;flex:none}
.checks label.disabled{color:#5b6776}
.recipient-problem{margin-top:.35rem}
table.recipients td.email{font-size:.85rem;white-space:nowrap}
table.recipients td.opd strong{font-weight:600}
@media (max-width:40rem){table.recipients{min-width:0}table.recipients thead{display:none}table.recipients tr{display:block;padding:.5rem 0;border-bottom:1px solid #e6eaef}table.recipients tbody tr:last-child{border-bottom:0}table.recipients td{display:block;border:0;padding:.1rem .75rem}table.recipients td.email{white-space:normal;overflow-wrap:anywhere}table.recipients td[data-label]::before{content:attr(data-label) ": ";color:#5b6776;font-size:.85rem}.g-letter .preview{height:60vh}}
.recipient-problem .field-error{font-size:.85rem}
.next-step{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.preview-images img{display:block;max-width:100%;border:1px solid #cfd5dc;margin:0 0 .75rem;background:#fff}
.verdict{border-radius:10px;padding:1rem;text-align:center;font-size:1.4rem;font-weight:800;margin:0 0 1rem;border:2px solid}
.verdict small{display:block;font-size:.95rem;font-weight:400}
.verdict-ok{background:#e3f5e8;color:#14532d;border-color:#15803d}
.verdict-bad{background:#fde8e8;color:#8a1c12;border-color:#b42318}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.filters .field{margin:0;flex:1 1 10rem}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.5rem;margin:0 0 1rem}
.stat{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:.6rem .8rem}
.stat b{display:block;font-size:1.3rem}
.stat span{color:#5b6776;font-size:.85rem}
.print-only{display:none}
@media (max-width:40rem){main{padding:.75rem}.card{padding:.8rem}.kv{grid-template-columns:1fr}.kv dt{margin-top:.4rem}}
@page{size:A4;margin:18mm 15mm}
@media print{
  body{background:#fff;font-size:11pt;color:#000}
  .topbar,.no-print,.pager,.filters,.actions{display:none !important}
  .print-only{display:block}
  main{max-width:none;padding:0}
  .card,.table-wrap,.stat{border-color:#999;box-shadow:none;break-inside:avoid}
  .table-wrap{overflow:visible}
  table.data{font-size:9pt;min-width:0}
  table.data th,table.data td{padding:.2rem .35rem;border-bottom:1px solid #999}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  a{color:#000;text-decoration:none}
  .badge{border-color:#666 !important;background:#fff !important;color:#000 !important}
}
.sign-credential:has(input[name=credential][value=totp]:checked) #f-sign-passphrase-field,.sign-credential:has(input[name=credential][value=passphrase]:checked) #f-sign-totp-field{display:none}
`;
