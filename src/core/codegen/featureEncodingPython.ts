/**
 * The feature encoding of an exported Python model (Keras or PyTorch): one plain-Python block, with no
 * framework import, that both exports carry — FEATURE_ENCODINGS, encode_feature() and
 * encoded_inputs(), which turns raw ratings into the model's inputs as lists of rows — and each
 * framework's input_tensors() over it. Kept equal to the TypeScript one (./featureEncoding.ts).
 */
import { AGE_GROUPS, DECADES, TITLE_YEAR } from '../data/featureColumns';
import {
  Encodings,
  InputNode,
  featureInputsOf,
  inputShape,
  isFeature,
  usedEncodings,
  usesTransforms,
} from './featureEncoding';
import { stringLiteral } from './expr';
import { ModelPlan } from './plan';

const PY_TRANSFORMS = `AGE_BOUNDS = [18, 25, 35, 45, 50, 56]
AGE_GROUPS = ${JSON.stringify(AGE_GROUPS)}
DECADES = ${JSON.stringify(DECADES)}
TITLE_YEAR = re.compile(r'${TITLE_YEAR.source}')


def _transformed(transform, raw):
    """A derived feature's category from its raw value: an age group, a zip region, a decade;
    or a title's distinct lower-case words without its year, as 'a|b'."""
    text = raw.strip()
    if text == '':
        return {'zipRegion': 'other', 'decade': 'unknown'}.get(transform)
    if transform == 'titleWords':
        words = re.findall(r'[a-z0-9]+', TITLE_YEAR.sub('', text).lower())
        return '|'.join(dict.fromkeys(words))
    if transform == 'ageGroup':
        age = _number(text)
        return AGE_GROUPS[sum(1 for b in AGE_BOUNDS if age >= b)] if math.isfinite(age) else None
    if transform == 'zipRegion':
        return text[0] if text[0] in '0123456789' else 'other'
    year = _number(text)
    if not math.isfinite(year):
        return 'unknown'
    if year < 1920:
        return DECADES[0]
    return DECADES[min(math.floor((year - 1920) / 10) + 1, len(DECADES) - 2)]`;

const PY_ENCODE = `def _number(text):
    try:
        return float(text)
    except ValueError:
        return math.nan


def encode_feature(name, raw):
    """The numbers the model takes for one raw value of a feature, as NCF Studio encoded it:
    a number standardised, a category its index, a multi-valued 'a|b' its flags."""
    e = FEATURE_ENCODINGS[name]
    value = _transformed(e['transform'], raw) if 'transform' in e else raw.strip()
    if e['kind'] == 'numeric':
        x = math.nan if value is None or value == '' else _number(value)
        if not math.isfinite(x):
            raise ValueError(f"feature '{name}': '{raw}' is not a number")
        return [(x - e['mean']) / e['sd']]
    categories = [c.lower() for c in e.get('categories', [])]
    if e['kind'] == 'categorical':
        if (value or '').lower() not in categories:
            raise ValueError(f"feature '{name}': '{raw}' is not one of its categories")
        return [categories.index((value or '').lower())]
    flags = [0.0] * len(categories)
    for v in (value or '').split('|'):
        if v.strip().lower() in categories:
            flags[categories.index(v.strip().lower())] = 1.0
    return flags


def _pooled(flags, pooling):
    """Flags scaled by 1/n (mean) or 1/sqrt(n) (sqrtn): a linear layer over them then pools."""
    n = sum(flags)
    if n <= 0:
        return flags
    scale = 1 / n if pooling == 'mean' else 1 / math.sqrt(n)
    return [f * scale for f in flags]


def _raw_value(rating, k, name):
    source = FEATURE_ENCODINGS[name]['source']
    value = rating.get('features', {}).get(source)
    if value is None:
        raise ValueError(f"rating {k}: no value for '{source}'")
    return value`;

const py = (text: string) => stringLiteral(text, 'py');

/** One input's rows: an id as a one-number row, a feature encoded (and pooled) from its raw value. */
function encodedInput(plan: ModelPlan, node: InputNode): string {
  if (!isFeature(node)) return `        ${py(node.id)}: [[r.get(${py(node.field)}, 0)] for r in ratings],`;
  const { pooling } = inputShape(plan, node);
  return `        ${py(node.id)}: _feature_rows(ratings, ${[node.feature!, ...(pooling ? [pooling] : [])].map(py).join(', ')}),`;
}

const FEATURE_ROWS = `def _feature_rows(ratings, name, pooling=None):
    """Each rating's encoded value of a feature, pooled when the model pools it."""
    rows = [encode_feature(name, _raw_value(r, k, name)) for k, r in enumerate(ratings)]
    return [_pooled(row, pooling) for row in rows] if pooling else rows`;

const RATINGS_DOC = [
  "    ratings: dicts with the rows of the user and item in the id tables ('user', 'item') and the raw",
  "    feature values by the name of the value they come from ('features': {'age': '31', ...}).",
];

/** Standard modules the encoding block needs beyond json and math: re for the transforms (a title's words). */
export function encodingModules(plan: ModelPlan, encodings: Encodings | undefined): string[] {
  if (!featureInputsOf(plan).length || !encodings) return [];
  return usesTransforms(usedEncodings(plan, encodings)) ? ['re'] : [];
}

/**
 * A long string as adjacent Python literals, one per line within 100 columns (Python joins them):
 * a title vocabulary's thousands of words would otherwise be one line.
 */
function pythonStringLines(text: string, width = 92): string {
  const lines: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (chunk && JSON.stringify(chunk + ch).length > width) {
      lines.push(`    ${JSON.stringify(chunk)}`);
      chunk = '';
    }
    chunk += ch;
  }
  lines.push(`    ${JSON.stringify(chunk)}`);
  return lines.join('\n');
}

/**
 * Plain Python (json and math only): FEATURE_ENCODINGS, encode_feature() and encoded_inputs(); a
 * test runs it without Keras or PyTorch. Empty for a model without feature inputs.
 */
export function featureEncodingPython(plan: ModelPlan, encodings: Encodings | undefined): string {
  if (!featureInputsOf(plan).length || !encodings) return '';
  const used = usedEncodings(plan, encodings);
  return [
    `# The run's encoding of each feature the model reads: categories in order, or mean and sd.\nFEATURE_ENCODINGS = json.loads(\n${pythonStringLines(JSON.stringify(used))}\n)`,
    usesTransforms(used) ? PY_TRANSFORMS : `def _transformed(_transform, raw):\n    return raw`,
    PY_ENCODE,
    FEATURE_ROWS,
    [
      'def encoded_inputs(ratings):',
      '    """The model\'s inputs for raw ratings by input name, as lists of rows.',
      '',
      '    Encoded and pooled as NCF Studio feeds them; plain Python, no framework needed.',
      '',
      ...RATINGS_DOC,
      '    """',
      '    return {',
      ...plan.inputs.map((n) => encodedInput(plan, n)),
      '    }',
    ].join('\n'),
  ].join('\n\n\n');
}

/** The id tensors take an id per row; every other input a row of floats. */
const isIds = (plan: ModelPlan, node: InputNode) => plan.checked.shapes[node.id].kind === 'ids';

/** PyTorch: the plain block and input_tensors(), forward()'s arguments in order; empty without feature inputs. */
export function featureEncodingPyTorch(plan: ModelPlan, encodings: Encodings | undefined): string {
  const block = featureEncodingPython(plan, encodings);
  if (!block) return '';
  const tensor = (node: InputNode) => {
    const key = py(node.id);
    return isIds(plan, node)
      ? `        torch.tensor([row[0] for row in encoded[${key}]], dtype=torch.long),`
      : `        torch.tensor(encoded[${key}], dtype=torch.float32),`;
  };
  return [
    block,
    [
      'def input_tensors(ratings):',
      '    """The forward arguments for raw ratings, encoded and pooled as NCF Studio feeds them.',
      '',
      ...RATINGS_DOC,
      '    """',
      '    encoded = encoded_inputs(ratings)',
      '    return [',
      ...plan.inputs.map(tensor),
      '    ]',
    ].join('\n'),
  ].join('\n\n\n');
}

/** Keras: the plain block and input_tensors(), the model's inputs by name; empty without feature inputs. */
export function featureEncodingKeras(plan: ModelPlan, encodings: Encodings | undefined): string {
  const block = featureEncodingPython(plan, encodings);
  if (!block) return '';
  const tensor = (node: InputNode) =>
    `        ${py(node.id)}: tf.constant(encoded[${py(node.id)}], dtype='${isIds(plan, node) ? 'int32' : 'float32'}'),`;
  return [
    block,
    [
      'def input_tensors(ratings):',
      '    """The model\'s inputs by name for raw ratings, as NCF Studio feeds them.',
      '',
      '    model.predict(input_tensors(ratings)) scores them.',
      '',
      ...RATINGS_DOC,
      '    """',
      '    encoded = encoded_inputs(ratings)',
      '    return {',
      ...plan.inputs.map(tensor),
      '    }',
    ].join('\n'),
  ].join('\n\n\n');
}
