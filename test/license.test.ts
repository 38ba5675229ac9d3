import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);

describe('the package ships its licence', () => {
  it('LICENSE is the MIT licence that package.json names', async () => {
    const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as { license: string };
    const license = await readFile(new URL('LICENSE', root), 'utf8');

    expect(pkg.license).toBe('MIT');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 react-room-token contributors\n/);
  });

  it('npm pack puts LICENSE in the tarball', { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
    const [pack] = JSON.parse(stdout) as [{ files: { path: string }[] }];

    expect(pack.files.map((file) => file.path)).toContain('LICENSE');
  });
});
