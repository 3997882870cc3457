/** Options that several commands take, spelled and checked in one place. */
import { InvalidArgumentError, Option } from 'commander';

export const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive whole number`);
  return n;
};

/** A seed: any whole number, negative ones included. */
export const wholeNumber = (name: string) => (v: string) => {
  if (!/^-?\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(v);
};

export const backendOption = (): Option =>
  new Option('--backend <name>', 'TensorFlow.js backend')
    .choices(['auto', 'tensorflow', 'wasm', 'cpu'])
    .default('auto');

export const engineOption = (): Option =>
  new Option('--engine <name>', 'fast: our training step; layers: plain LayersModel.fit')
    .choices(['fast', 'layers'])
    .default('fast');
