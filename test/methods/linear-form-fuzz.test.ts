import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { createMethod, linearFormOf, linearMethodNames, methods } from '../../src/methods/registry.js';
import { formCharacteristic, formEigenvalues, formRate, formWorstRate, rateMapOf, tuneNumeric } from '../../src/theory/index.js';

// Property tests of the entry points the linear forms opened: any spec either builds or throws a ParameterError; any
// form's analysis is finite; theory's two-term shortcut agrees with the eigenvalues of R(h).
const linear = linearMethodNames();
const numberText = fc.oneof(fc.double({ noNaN: false }).map(String), fc.constantFrom('', 'abc', '1e400', '-0', '0.5', '1', '2', 'NaN', 'Infinity'));

describe('fuzz: method specs and linear forms', () => {
  it('createMethod on random specs either builds a method or throws a ParameterError (never another error)', () => {
    const names = methods().map((m) => m.name);
    fc.assert(fc.property(fc.constantFrom(...names, 'adam', '__proto__', 'constructor'), fc.dictionary(fc.constantFrom('alpha', 'beta', 'lr', 'momentum', 'nu', 'betas', 'beta1', 'beta2', 'tune', 'mu', 'L', 'toString', '__proto__'), numberText, { maxKeys: 3 }), (name, params) => {
      const spec = Object.keys(params).length ? `${name}:${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')}` : name;
      try {
        const m = createMethod(spec, { mu: 0.1, L: 1 });
        for (const v of Object.values(m.params)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        if (m.linear) for (const row of m.linear.A) for (const a of row) expect(Number.isFinite(a)).toBe(true);
      } catch (err) {
        expect(err, String(err)).toBeInstanceOf(ParameterError);
      }
    }), { numRuns: 400 });
  });

  it('every linear method at random valid parameters: finite radius, and the two-term shortcut equals eig(R(h))', () => {
    fc.assert(fc.property(fc.constantFrom(...linear), fc.double({ min: 0.01, max: 3, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 1e-3, max: 10, noNaN: true }), (name, a, b, h) => {
      const spec = { gd: `gd:alpha=${a}`, hb: `hb:alpha=${a},beta=${b}`, nag: `nag:alpha=${a},beta=${b}`, aggmo: `aggmo:alpha=${a},betas=0;${b}`, qhm: `qhm:alpha=${a},beta=${b},nu=0.7`,
        leapfrog: `leapfrog:alpha=${a},beta=${b}`, 'two-term': `two-term:alpha=${a},beta1=${b},beta2=${b / 2}`, tmm: 'tmm', 'torch-sgd': `torch-sgd:lr=${a},momentum=${b},dampening=0.2`,
        'optax-sgd': `optax-sgd:learning_rate=${a},momentum=${b}`, 'keras-sgd': `keras-sgd:learning_rate=${a},momentum=${b},nesterov=true`, 'tfjs-momentum': `tfjs-momentum:learningRate=${a},momentum=${b}` }[name]!;
      const { form } = linearFormOf(spec, { mu: 0.1, L: 1 });
      const ch = formCharacteristic(form);
      const r = formRate(form, h, ch);
      expect(Number.isFinite(r)).toBe(true);
      const full = formEigenvalues(form, h, { ...ch, twoTerm: null, order: form.A.length });
      const direct = Math.max(...full.map((z) => Math.hypot(z.re, z.im)));
      expect(Math.abs(r - direct)).toBeLessThanOrEqual(2e-7 * Math.max(1, direct));
    }), { numRuns: 300 });
  });

  it('formWorstRate over random intervals is at least the radius at both ends and finite', () => {
    fc.assert(fc.property(fc.double({ min: 0.05, max: 2, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true }), (a, b, mu, ratio) => {
      const L = mu * ratio;
      for (const spec of [`aggmo:alpha=${a},betas=0;${b}`, `qhm:alpha=${a},beta=${b},nu=0.5`]) {
        const form = createMethod(spec).linear!;
        const w = formWorstRate(form, mu, L);
        expect(Number.isFinite(w.rate)).toBe(true);
        expect(w.rate).toBeGreaterThanOrEqual(Math.max(formRate(form, mu), formRate(form, L)) - 1e-15);
        expect(w.h).toBeGreaterThanOrEqual(mu);
        expect(w.h).toBeLessThanOrEqual(L);
      }
    }), { numRuns: 60 });
  });

  it('rateMapOf and tuneNumeric: ParameterError or finite numbers on random axes and intervals', () => {
    fc.assert(fc.property(fc.constantFrom('alpha', 'beta', 'nu', 'gamma', '__proto__'), fc.array(fc.double({ min: -1, max: 3 }), { minLength: 1, maxLength: 3 }), (key, values) => {
      try {
        const m = rateMapOf('qhm', { key, values }, { key: key === 'nu' ? 'beta' : 'nu', values: [0.5] }, { mu: 0.1, L: 1 });
        for (const r of m.rho) expect(Number.isFinite(r)).toBe(true);
      } catch (err) { expect(err, String(err)).toBeInstanceOf(ParameterError); }
    }), { numRuns: 100 });
    for (const [mu, L] of [[0, 1], [1, 0.5], [Number.NaN, 1]]) expect(() => tuneNumeric('qhm', mu, L)).toThrow(ParameterError);
    const t = tuneNumeric('hb', 0.01, 1);
    expect(Math.abs(t.rate - 9 / 11)).toBeLessThan(1e-6); // recovers Polyak's rate from the linear form alone
  });
});
