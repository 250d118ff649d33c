/**
 * Print CSS of the exam documents: on screen A4 sheets on a grey desk, on paper one sheet per page
 * (A4, 12 mm margins) with the toolbar hidden. Kept as a string so the chunk carries it with the pages.
 */
export const printCss = `
@page { size: A4 portrait; margin: 12mm; }
.print-root { background: #e9ebee; min-height: 100vh; color: #000;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.print-toolbar { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid #d9d9d9;
  padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 12mm;
  background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
.sheet h1 { font-size: 20pt; margin: 0 0 4mm; text-align: center; letter-spacing: 2pt; }
.sheet h2 { font-size: 14pt; margin: 0 0 3mm; text-align: center; }
.sheet .meta { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2mm 6mm; font-size: 10.5pt;
  margin-bottom: 4mm; }
.sheet table.doc { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
.sheet table.doc th, .sheet table.doc td { border: 1px solid #000; padding: 1.2mm 2mm; text-align: left; }
.sheet table.doc th { background: #f2f2f2; }
.sheet table.doc td.num, .sheet table.doc th.num { text-align: center; }
.sheet .footer { margin-top: 4mm; font-size: 9pt; color: #444; display: flex; justify-content: space-between; }
.door-site { font-size: 20pt; font-weight: 700; text-align: center; margin-top: 2mm; }
.door-room { font-size: 40pt; font-weight: 700; text-align: center; margin: 2mm 0 4mm; }
.seat-front { display: flex; align-items: stretch; gap: 3mm; margin-bottom: 3mm; }
.seat-front .door { border: 2px solid #000; padding: 2mm 3mm; font-weight: 700; white-space: nowrap; }
.seat-front .desk { flex: 1; border: 2px solid #000; text-align: center; padding: 2mm; font-weight: 700; }
.seat-grid { display: grid; gap: 2mm; }
.seat-row-label { display: flex; flex-direction: column; align-items: center; justify-content: center;
  font-size: 9pt; color: #444; }
.seat-row-label .arrow { font-size: 14pt; line-height: 1; }
.seat { border: 1.5px solid #000; min-height: 30mm; padding: 1.5mm; display: flex; flex-direction: column;
  justify-content: space-between; font-size: 9.5pt; }
.seat .no { font-size: 18pt; font-weight: 700; line-height: 1; }
.seat .name { font-size: 13pt; font-weight: 700; }
.seat.empty { border-style: dashed; color: #888; }
.tickets { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 132mm; gap: 4mm; }
.ticket { border: 1.5px solid #000; padding: 3mm; display: flex; flex-direction: column; gap: 2mm; font-size: 9pt;
  overflow: hidden; }
.ticket .head { text-align: center; font-weight: 700; font-size: 11pt; }
.ticket .head .big { font-size: 15pt; letter-spacing: 4pt; }
.ticket .body { display: flex; gap: 3mm; }
.ticket .fields { flex: 1; display: grid; grid-template-columns: auto 1fr; gap: 0.8mm 2mm; align-content: start; }
.ticket .fields dt { color: #333; }
.ticket .fields dd { margin: 0; font-weight: 600; word-break: break-all; }
.ticket .photo { width: 25mm; height: 32mm; border: 1px dashed #000; display: flex; align-items: center;
  justify-content: center; color: #666; flex: none; }
.ticket .bottom { display: flex; gap: 3mm; align-items: flex-end; margin-top: auto; }
.ticket .bottom table { flex: 1; }
.ticket table.doc { font-size: 8.5pt; }
.ticket .qr { width: 24mm; height: 24mm; flex: none; }
.ticket .qr svg { width: 100%; height: 100%; }
.ticket .notice { font-size: 7.5pt; color: #333; }
@media print {
  .no-print { display: none !important; }
  .print-root { background: none; min-height: 0; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none;
    break-after: page; page-break-after: always; }
  .sheet:last-of-type { break-after: auto; page-break-after: auto; }
  .sheet table.doc tr, .seat, .ticket { break-inside: avoid; page-break-inside: avoid; }
  .sheet table.doc th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
