// The editor and CI agree: yaml-language-server (the language server of VS Code's YAML
// extension), driven over stdio as an editor drives it, on a copy of the example
// organisation after `vpd schema`. No diagnostic on any example file (concepts included);
// a diagnostic on the line `vpd check` reports for each broken copy; completion offers the
// organisation's departments and roles; hover shows the form's Dutch question.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { vpdBinary } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const env = { ...process.env, VPD_VANDAAG: '2026-11-24' };

/// A language server client: Content-Length framed JSON-RPC over the child's stdio.
class Client {
  constructor(root) {
    this.child = spawn(path.join(here, 'node_modules/.bin/yaml-language-server'), ['--stdio'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnostics = new Map();
    this.waiters = [];
    this.settings = {};
    this.child.stdout.on('data', (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  dispatch(message) {
    if (message.id !== undefined && message.method) {
      // A request of the server: the settings per section, as VS Code answers from the
      // workspace's .vscode/settings.json; nothing for other requests (capability
      // registration).
      const result =
        message.method === 'workspace/configuration'
          ? message.params.items.map((item) => this.settings[item.section] ?? null)
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(JSON.stringify(message.error)));
      else waiter?.resolve(message.result);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.diagnostics.set(message.params.uri, message.params.diagnostics);
      this.waiters = this.waiters.filter((w) => !w(message.params));
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /// Opens `file` with `text` (its own text unless given) and waits for the diagnostics
  /// the server publishes for it.
  async open(file, text = readFileSync(file, 'utf8')) {
    const uri = pathToFileURL(file).href;
    this.version = (this.version || 0) + 1;
    const published = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${file}`)), 20000);
      this.waiters.push((params) => {
        if (params.uri !== uri) return false;
        clearTimeout(timer);
        resolve(params.diagnostics);
        return true;
      });
    });
    this.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: this.version, text },
    });
    const diagnostics = await published;
    return { uri, diagnostics };
  }

  /// Closes `uri` and waits for the server to clear its diagnostics, so that they are
  /// not taken for those of the next opening.
  async close(uri) {
    const cleared = new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      this.waiters.push((params) => {
        if (params.uri !== uri) return false;
        clearTimeout(timer);
        resolve();
        return true;
      });
    });
    this.notify('textDocument/didClose', { textDocument: { uri } });
    await cleared;
  }
}

let root, client;

/// Every YAML file of the example organisation's content.
function exampleFiles(dir = path.join(root, 'content')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return exampleFiles(full);
    return entry.name.endsWith('.yaml') && entry.name !== 'site.yaml' ? [full] : [];
  });
}

/// The lines (1-based) of `vpd check`'s errors in `file`.
function checkErrorLines(file) {
  const run = spawnSync(vpdBinary(), ['check', root, '--format', 'json'], { env, encoding: 'utf8' });
  const report = JSON.parse(run.stdout);
  const rel = path.relative(root, file);
  return report.bevindingen
    .filter((d) => d.ernst === 'error' && d.bestand === rel)
    .map((d) => d.regelnummer);
}

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vpd-editor-'));
  cpSync(path.join(repo, 'content'), path.join(root, 'content'), { recursive: true });
  // Two fresh scaffolds, as a team lead starts: concepts full of `.....`.
  for (const [template, team] of [['werkplein', 'Team Zuid'], ['kcc', 'KCC Zuid']]) {
    const made = spawnSync(vpdBinary(), ['new', template, team], { cwd: root, env, encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
  }
  const schema = spawnSync(vpdBinary(), ['schema', '--dir', root], { env, encoding: 'utf8' });
  assert.equal(schema.status, 0, schema.stderr);
  client = new Client(root);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'organisatie' }],
    capabilities: {
      textDocument: {
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: {},
      },
    },
  });
  client.notify('initialized', {});
  // The settings `vpd init` writes to .vscode/settings.json, from the catalogue.
  const catalog = JSON.parse(readFileSync(path.join(root, '.vpd/schemas/catalog.json'), 'utf8'));
  const schemas = {};
  for (const entry of catalog.schemas) {
    if (entry.fileMatch.length === 0) continue;
    schemas[pathToFileURL(path.join(root, '.vpd/schemas', entry.url)).href] = entry.fileMatch.map(
      (glob) => `**/${glob}`,
    );
  }
  client.settings = {
    yaml: { schemas, validate: true, hover: true, completion: true, schemaStore: { enable: false } },
  };
  client.notify('workspace/didChangeConfiguration', { settings: client.settings });
});

after(async () => {
  client?.child.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('no example file has an editor diagnostic, concepts and fresh scaffolds included', async () => {
  const files = exampleFiles();
  assert.ok(files.length >= 15, `only ${files.length} example files`);
  const concepts = files.filter((f) => /^status: concept/m.test(readFileSync(f, 'utf8')));
  assert.ok(concepts.length >= 3, 'the examples include a concept and the scaffolds');
  for (const file of files) {
    const { uri, diagnostics } = await client.open(file);
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
      path.relative(root, file),
    );
    await client.close(uri);
  }
});

/// Each broken copy: what to change in which example file.
const broken = [
  {
    name: 'an unknown key',
    file: 'content/teams/werkplein-noord.yaml',
    edit: (text) => text.replace(/^eigenaar:/m, 'eigenaar_typo: "x"\neigenaar:'),
  },
  {
    name: 'a department the policy does not define',
    file: 'content/teams/werkplein-noord.yaml',
    edit: (text) => text.replace(/^afdeling: .*$/m, 'afdeling: bestaat-niet'),
    dutch: /Bekende afdelingen: /,
  },
  {
    name: 'a placeholder in an adopted protocol',
    file: 'content/teams/werkplein-noord.yaml',
    edit: (text) => text.replace(/^team: .*$/m, 'team: "....."'),
  },
];

for (const { name, file, edit, dutch } of broken) {
  test(`a broken copy (${name}) has a diagnostic on vpd check's line`, async () => {
    const full = path.join(root, file);
    const original = readFileSync(full, 'utf8');
    const text = edit(original);
    assert.notEqual(text, original, 'the edit applies');
    assert.match(text, /^status: vastgesteld/m);
    writeFileSync(full, text);
    try {
      const lines = checkErrorLines(full);
      assert.ok(lines.length > 0, 'vpd check reports an error');
      const { uri, diagnostics } = await client.open(full, text);
      await client.close(uri);
      const editorLines = diagnostics.filter((d) => d.severity === 1).map((d) => d.range.start.line + 1);
      for (const line of lines) {
        assert.ok(
          editorLines.includes(line),
          `vpd check: line ${line}; editor: ${JSON.stringify(diagnostics.map((d) => [d.range.start.line + 1, d.message]))}`,
        );
      }
      if (dutch) assert.ok(diagnostics.some((d) => dutch.test(d.message)), JSON.stringify(diagnostics));
    } finally {
      writeFileSync(full, original);
    }
  });
}

test('completion offers the organisation departments and roles', async () => {
  const policy = parse(readFileSync(path.join(root, 'content/organisatie/beleid.yaml'), 'utf8'));
  const departments = policy.afdelingen.map((a) => a.id);
  const roles = policy.rollen.map((r) => r.id);
  const file = path.join(root, 'content/teams/werkplein-noord.yaml');
  const lines = readFileSync(file, 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('afdeling:'));
  lines[at] = 'afdeling: ';
  const { uri } = await client.open(file, lines.join('\n'));
  const result = await client.request('textDocument/completion', {
    textDocument: { uri },
    position: { line: at, character: 'afdeling: '.length },
  });
  await client.close(uri);
  const items = Array.isArray(result) ? result : result.items;
  const labels = items.map((i) => i.label);
  assert.deepEqual([...labels].sort(), [...departments].sort());
  const first = items.find((i) => i.label === departments[0]);
  const doc = typeof first.documentation === 'string' ? first.documentation : first.documentation?.value;
  assert.match(doc ?? '', new RegExp(policy.afdelingen[0].naam));

  // A role field: the first field of the team template whose answer is a role.
  const werkplein = JSON.parse(readFileSync(path.join(root, '.vpd/schemas/werkplein.json'), 'utf8'));
  let rolePath;
  for (const [sid, section] of Object.entries(werkplein.properties.secties.properties)) {
    for (const [fid, field] of Object.entries(section.properties)) {
      if (field['x-vpd-type'] === 'rollen' && !rolePath) rolePath = [sid, fid];
    }
  }
  assert.ok(rolePath, 'the werkplein form has a field of roles');
  // A new file as `vpd new` starts it, without the `$schema=` line: the settings'
  // team schema picks the werkplein schema by `template:`.
  const scaffold = `template: werkplein\nstatus: concept\nsecties:\n  ${rolePath[0]}:\n    ${rolePath[1]}:\n      - \n`;
  const other = path.join(root, 'content/teams/nieuw-team.yaml');
  const opened = await client.open(other, scaffold);
  const roleResult = await client.request('textDocument/completion', {
    textDocument: { uri: opened.uri },
    position: { line: 5, character: '      - '.length },
  });
  await client.close(opened.uri);
  const roleItems = (Array.isArray(roleResult) ? roleResult : roleResult.items).map((i) => i.label);
  assert.deepEqual([...roleItems].sort(), [...roles].sort());
});

test('completion never offers standpunt', async () => {
  const file = path.join(root, 'content/teams/werkplein-noord.yaml');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // Inside a behaviour category of the norm table: a new key at the indentation of its keys.
  const at = lines.findIndex((l) => /^\s+voorbeelden:$/.test(l));
  assert.ok(at > 0, 'a norm table category with examples');
  const indent = /^\s*/.exec(lines[at])[0];
  lines.splice(at, 0, indent);
  const { uri } = await client.open(file, lines.join('\n'));
  const result = await client.request('textDocument/completion', {
    textDocument: { uri },
    position: { line: at, character: indent.length },
  });
  await client.close(uri);
  const labels = (Array.isArray(result) ? result : result.items).map((i) => i.label);
  assert.ok(labels.length > 0, 'keys are offered');
  assert.ok(!labels.includes('standpunt'), JSON.stringify(labels));
});

test('hover on a key shows the form question in Dutch', async () => {
  const file = path.join(root, 'content/teams/werkplein-noord.yaml');
  const form = parse(readFileSync(path.join(repo, 'schemas/werkplein.yaml'), 'utf8'));
  const lines = readFileSync(file, 'utf8').split('\n');
  // The first section field of the form that the example answers on a line of its own.
  let target;
  for (const section of form.secties) {
    for (const field of section.velden ?? []) {
      if (target || !field.vraag) continue;
      const sectionLine = lines.findIndex((l) => l === `  ${section.id}:`);
      if (sectionLine < 0) continue;
      const line = lines.findIndex((l, i) => i > sectionLine && l.startsWith(`    ${field.id}:`));
      if (line > 0) target = { line, field };
    }
  }
  assert.ok(target, 'a form question answered in the example');
  const { uri } = await client.open(file);
  const hover = await client.request('textDocument/hover', {
    textDocument: { uri },
    position: { line: target.line, character: 5 },
  });
  await client.close(uri);
  const contents = hover?.contents;
  const text = typeof contents === 'string' ? contents : contents?.value ?? JSON.stringify(contents);
  const firstWords = target.field.vraag.trim().split(/\s+/).slice(0, 4).join(' ');
  assert.ok(text.includes(firstWords), `hover: ${text}\nquestion: ${target.field.vraag}`);
});
