// The end-to-end tier: real VS Code (code-server) driven through Debian's Chromium.
module.exports = {
  require: ['tsx/cjs'],
  extension: ['ts'],
  spec: ['test/e2e/**/*.e2e.ts'],
  // A step drives a browser and a VS Code server that also builds indexes: seconds on a quiet machine,
  // tens of seconds on a busy one. Every wait inside a test has its own, tighter bound on a state.
  timeout: 240000,
  slow: 30000,
  // code-server's process groups are ended by the harness; nothing may keep the run alive after that.
  exit: true,
};
