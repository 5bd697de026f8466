import { describe, expect, it } from 'vitest';
import { launchFile, launchFileKind } from '../../../../electron/services/launch-args';

describe('launchFile', () => {
  it('finds a project after the executable of a packaged app, skipping Chromium switches', () => {
    expect(launchFile(['/opt/Backprop Studio/backprop-studio', '--no-sandbox', '/home/a/iris.bpstudio'], { isPackaged: true, cwd: '/' }))
      .toEqual({ kind: 'project', path: '/home/a/iris.bpstudio' });
  });

  it('skips the app folder in development and resolves a relative path from the launch folder', () => {
    expect(launchFile(['/x/electron', '.', 'data/Iris.CSV'], { isPackaged: false, cwd: '/home/a' }))
      .toEqual({ kind: 'dataset', path: '/home/a/data/Iris.CSV' });
    // In development the second argument is the app, never a file to open.
    expect(launchFile(['/x/electron', 'app.bpstudio'], { isPackaged: false, cwd: '/' })).toBeNull();
  });

  it('ignores files the app does not open, and empty launches', () => {
    expect(launchFile(['/app', 'notes.pdf', '--flag=x.csv'], { isPackaged: true, cwd: '/' })).toBeNull();
    expect(launchFile(['/app'], { isPackaged: true, cwd: '/' })).toBeNull();
    expect(launchFile(['/app', 'notes.pdf', 'b.tsv'], { isPackaged: true, cwd: '/w' })).toEqual({ kind: 'dataset', path: '/w/b.tsv' });
  });

  it('tells projects from datasets by extension, case-insensitively', () => {
    expect(launchFileKind('/a/B.BPSTUDIO')).toBe('project');
    expect(['x.csv', 'x.tsv', 'x.tab', 'x.txt'].map(launchFileKind)).toEqual(['dataset', 'dataset', 'dataset', 'dataset']);
    expect(launchFileKind('x.xlsx')).toBeNull();
    expect(launchFileKind('csv')).toBeNull();
  });
});
