// `proofread <file>`: the name 全文校对 had before it took in the 提法 check; the same command as `check`.
export { run, message } from './check';
