// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { reactive, ref } from 'vue';
import { toPlain } from '../../../renderer/src/engine/engine-service';

describe('toPlain', () => {
  it('unwraps reactive state at every depth so it can be posted to a Worker, keeping Files and typed arrays', () => {
    const file = new File(['a,b\n1,2\n'], 'x.csv');
    const bytes = new Uint8Array([1, 2]);
    const state = reactive({ config: { roles: { a: 'input' }, split: { train: 0.7 } }, list: [ref(1).value, { k: 2 }], file, bytes });
    const plain = toPlain({ type: 'configure-data', state }) as { state: typeof state };
    expect(plain).toEqual({ type: 'configure-data', state: { config: { roles: { a: 'input' }, split: { train: 0.7 } }, list: [1, { k: 2 }], file, bytes } });
    expect(plain.state.file).toBe(file);
    expect(plain.state.bytes).toBe(bytes);
    // The browser's structured clone accepts it (it throws DataCloneError on a proxy).
    expect(() => structuredClone({ config: plain.state.config, list: plain.state.list })).not.toThrow();
    expect(() => structuredClone(state.config)).toThrow();
    expect(toPlain({ a: 1, b: undefined, c: [undefined] })).toEqual({ a: 1, c: [undefined] });
    expect(Object.keys(toPlain({ a: 1, b: undefined }) as object)).toEqual(['a']);
  });
});
