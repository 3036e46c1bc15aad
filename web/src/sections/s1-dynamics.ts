import type { Section } from './section.js';
import { num } from '../state/fields.js';
import { panel } from '../ui/panel.js';
import { slider } from '../ui/controls.js';

export const s1: Section = {
  id: 's1',
  title: 'General dynamics',
  summary: 'placeholder',
  shape: { a: num(-5, 5, 1) },
  mount(el, store) {
    const p = panel({ id: 's1-linear', title: 'Linear systems', formulas: ['w^{(k)} = (I - \\alpha A)^k w^{(0)}'], idea: 'Idea $x$.' });
    p.controls.append(slider(store, 's1', 'a', { label: 'a', min: -5, max: 5, step: 0.01 }));
    el.append(p.el);
  },
};
