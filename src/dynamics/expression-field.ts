import type { EvalFunction, MathNode } from 'mathjs';
import { ParameterError } from '../errors.js';
import type { VectorField } from './vector-field.js';

/** Functions and constants an expression may use (mathjs names); everything else must be a variable or parameter. */
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'exp', 'log',
  'sqrt', 'cbrt', 'abs', 'sign', 'min', 'max', 'pow', 'floor', 'ceil', 'round', 'mod', 'hypot']);
const CONSTANTS = new Set(['pi', 'e']);
const NODES = new Set(['OperatorNode', 'ParenthesisNode', 'ConstantNode', 'SymbolNode', 'FunctionNode']);
/** Longest expression accepted (a typed field is a formula, not a program). */
export const EXPRESSION_MAX_LENGTH = 2000;

/**
 * A vector field from math expressions, one per state variable, parsed by mathjs (`parse` + `compile`, no eval).
 * Symbols may be the state variables, `t`, the given parameters, `pi`, `e` and the usual functions; anything else
 * (an unknown name, an assignment, a function definition, more than EXPRESSION_MAX_LENGTH characters) is refused with a
 * ParameterError. Where an expression is not a finite real (x^x^x at x = 2, sqrt(-1)) the field is NaN there, and the
 * integrators stop with status 'diverged'.
 * Asynchronous because mathjs is imported on first use: it is large to load (docs/bench.md), a cost every
 * importer of the library would otherwise pay at start-up.
 *
 * @example
 * const f = await expressionField(['y', 'mu*(1-x^2)*y - x'], ['x', 'y'], { mu: 1 });
 * f(0, new Float64Array([2, 0]), out); // out = [0, -2]
 */
export async function expressionField(expressions: readonly string[], variables: readonly string[],
  params: Record<string, number> = {}, parameter = 'expression'): Promise<VectorField> {
  if (expressions.length !== variables.length || variables.length === 0) {
    throw new ParameterError(parameter, expressions.join('; '), `one expression per variable (${variables.length} variables: ${variables.join(', ')})`);
  }
  const known = new Set<string>([...variables, 't', ...Object.keys(params), ...CONSTANTS]);
  for (const v of variables) {
    if (FUNCTIONS.has(v) || CONSTANTS.has(v) || v === 't') throw new ParameterError('variables', v, 'names that are not functions, constants or t');
  }
  const { parse } = await import('mathjs');
  const compiled: EvalFunction[] = expressions.map((text, k) => {
    if (typeof text !== 'string' || text.length > EXPRESSION_MAX_LENGTH) {
      throw new ParameterError(`${parameter}[${k}]`, typeof text === 'string' ? `${text.length} characters` : text, `a math expression of at most ${EXPRESSION_MAX_LENGTH} characters`);
    }
    let node: MathNode;
    try {
      node = parse(text);
    } catch (err) {
      throw new ParameterError(`${parameter}[${k}]`, text, `a math expression (${(err as Error).message})`);
    }
    try {
      checkNode(node, text, k);
      return node.compile();
    } catch (err) {
      // mathjs walks the tree recursively: a tower x^x^...^x deep enough to overflow the stack is bad input.
      if (err instanceof RangeError) throw new ParameterError(`${parameter}[${k}]`, text, 'an expression nested less deeply');
      throw err;
    }
  });
  function checkNode(node: MathNode, text: string, k: number): void {
    node.traverse((child, path) => {
      if (!NODES.has(child.type)) throw new ParameterError(`${parameter}[${k}]`, text, `arithmetic and functions only (found ${child.type})`);
      if (child.type === 'SymbolNode') {
        const name = (child as unknown as { name: string }).name;
        const ok = path === 'fn' ? FUNCTIONS.has(name) : known.has(name);
        if (!ok) {
          throw new ParameterError(`${parameter}[${k}]`, text,
            path === 'fn' ? `known functions (${[...FUNCTIONS].join(', ')}); unknown function "${name}"`
              : `expressions in ${[...known].join(', ')}; unknown symbol "${name}"`);
        }
      }
    });
  }
  const scope: Record<string, number> = { ...params };
  const n = variables.length;
  return (t, y, out) => {
    scope.t = t;
    for (let i = 0; i < n; i++) scope[variables[i]] = y[i];
    for (let i = 0; i < n; i++) {
      const v = compiled[i].evaluate(scope);
      out[i] = typeof v === 'number' ? v : NaN;
    }
  };
}
