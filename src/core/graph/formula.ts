/**
 * A formula read off the graph, for a spec whose author wrote none: ids become symbols (an
 * embedding `p` of the user is pᵤ), merges their operators. It follows the lecture's notation
 * where the graph allows (r̂ = pᵤᵀqᵢ + aᵤ + bᵢ + μ) and falls back to the node's id as a function.
 */
export interface FormulaNode {
  id: string;
  op: string;
  inputs: string[];
  raw: Record<string, unknown>;
}

const SUBSCRIPT: Record<string, string> = { user: 'ᵤ', item: 'ᵢ' };
const GREEK: Record<string, string> = { phi: 'ϕ', psi: 'ψ', sigma: 'σ' };
/** Merges that bind looser than a function call; their terms need brackets inside a product. */
const LOOSE = new Set(['add']);

export function deriveFormula(nodes: readonly FormulaNode[]): string | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const output = nodes.find((n) => n.op === 'output');
  if (!output) return undefined;
  const visiting = new Set<string>();

  const term = (id: string): string => {
    const node = byId.get(id);
    if (!node || visiting.has(id)) return '?';
    visiting.add(id);
    try {
      return render(node);
    } finally {
      visiting.delete(id);
    }
  };
  const tight = (id: string) => (LOOSE.has(byId.get(id)?.op ?? '') ? `(${term(id)})` : term(id));
  const args = (n: FormulaNode) => (n.inputs.length === 1 ? term(n.inputs[0]) : `[${n.inputs.map(term).join(', ')}]`);

  const render = (n: FormulaNode): string => {
    switch (n.op) {
      case 'input':
        return typeof n.raw.field === 'string' ? (SUBSCRIPT[n.raw.field] ? n.raw.field[0] : n.raw.field) : n.id;
      case 'embedding':
      case 'bias': {
        const source = byId.get(n.inputs[0] ?? '');
        const field = typeof source?.raw.field === 'string' ? source.raw.field : undefined;
        return field && SUBSCRIPT[field] ? `${n.id}${SUBSCRIPT[field]}` : `${n.id}(${n.inputs.map(term).join(', ')})`;
      }
      case 'dot':
        return n.inputs.length === 2
          ? `${tight(n.inputs[0])}ᵀ${tight(n.inputs[1])}`
          : `dot(${n.inputs.map(term).join(', ')})`;
      case 'hadamard':
        return n.inputs.map(tight).join(' ∘ ');
      case 'add':
        return n.inputs.map(term).join(' + ');
      case 'concat':
        return `[${n.inputs.map(term).join(', ')}]`;
      case 'dropout':
        return n.inputs.length === 1 ? term(n.inputs[0]) : args(n);
      case 'output': {
        const body = n.inputs.length ? args(n) : '?';
        return `r̂ = ${body}${n.raw.globalMean === true ? ' + μ' : ''}`;
      }
      default:
        // dense and mlp concatenate several inputs: ϕ([a, b]).
        return `${GREEK[n.id] ?? n.id}(${args(n)})`;
    }
  };
  return render(output);
}
