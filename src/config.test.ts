import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));

  it('defaults: 127.0.0.1:8080, SQLite in ./.mamori', () => {
    const c = loadConfig({ env: {}, cwd });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: path.join(cwd, '.mamori') });
    expect(c.databaseUrl).toBe(`sqlite:${path.join(cwd, '.mamori', 'mamori.db')}`);
  });

  it('precedence: flags over environment over the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
    writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'debug' }));
    const c = loadConfig({ env: { MAMORI_PORT: '7100' }, flags: { host: '::1' }, cwd: dir });
    expect(c).toMatchObject({ port: 7100, host: '::1', logLevel: 'debug' });
  });

  it('accepts postgres URLs and relative SQLite paths', () => {
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'postgres://u:p@h/db' }, cwd }).databaseUrl).toBe('postgres://u:p@h/db');
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'sqlite:data/x.db' }, cwd }).databaseUrl).toBe(`sqlite:${path.join(cwd, 'data/x.db')}`);
  });

  it('reports every problem at once, naming the variable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
    writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify({ colour: 'blue' }));
    try {
      loadConfig({ env: { MAMORI_PORT: '99999', MAMORI_COOKIE_SECURE: 'maybe' }, cwd: dir });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/unknown setting "colour"/);
      expect(problems).toMatch(/port \(MAMORI_PORT\)/);
      expect(problems).toMatch(/cookieSecure \(MAMORI_COOKIE_SECURE\)/);
    }
  });

  it('an explicit MAMORI_CONFIG that does not exist is an error', () => {
    expect(() => loadConfig({ env: { MAMORI_CONFIG: 'nope.json' }, cwd })).toThrow(ConfigError);
  });
});
