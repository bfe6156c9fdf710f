// The entry of dist/pdfjs.js: pdf.js and its worker, bundled apart from the extension, the worker
// and the CLI (they are most of the code), and loaded by pdf.ts on the first PDF only.
export * as lib from 'pdfjs-dist/legacy/build/pdf.mjs';
export * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
