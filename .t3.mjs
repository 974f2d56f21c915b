import { parseAllDocuments, LineCounter, Lexer } from 'yaml';
function t(name, text) {
  const t0 = performance.now();
  let r;
  try { const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), prettyErrors: false, merge: true }); r = docs.map(d => d.errors.map(e => e.code + ' ' + e.message.slice(0, 100))); } catch (e) { r = 'THROW ' + e.name + ' ' + e.message; }
  const t1 = performance.now();
  let n = 0; for (const tok of new Lexer().lex(text)) n++;
  console.log(name, text.length, (t1 - t0).toFixed(1), 'ms', 'lex', (performance.now() - t1).toFixed(1), n, JSON.stringify(r).slice(0, 200));
}
const which = process.argv[2];
const n = Number(process.argv[3]);
if (which === 'fm') t('flow map ' + n, 'a: ' + '{a: '.repeat(n) + '1' + '}'.repeat(n) + '\n');
if (which === 'fs') t('flow seq ' + n, 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n');
if (which === 'bm') { let s = ''; for (let i = 0; i < n; i++) s += ' '.repeat(i) + 'a:\n'; t('block map ' + n, s + ' '.repeat(n) + 'x: 1\n'); }
if (which === 'bs') { let s = ''; for (let i = 0; i < n; i++) s += '- '; t('block seq ' + n, s + 'x\n'); }
if (which === 'bms') { let s = ''; for (let i = 0; i < n; i++) s += 'a: '; t('block map one line ' + n, s + 'x\n'); }
if (which === 'bsm') { let s = ''; for (let i = 0; i < n; i++) s += ' '.repeat(2*i) + '- a:\n'; t('block seq map ' + n, s + 'x\n'); }
