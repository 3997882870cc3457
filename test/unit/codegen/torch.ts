/** Debian's Python with PyTorch, which the PyTorch export's tests run: missing, they fail and say so. */
import { spawnSync } from 'node:child_process';

export const TORCH_PYTHON = process.env.NCF_TORCH_PYTHON ?? '/usr/bin/python3';

/** Throws, naming what to install, when TORCH_PYTHON cannot import torch. */
export function requireTorch(): void {
  const probe = spawnSync(TORCH_PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      `PyTorch is missing: ${TORCH_PYTHON} cannot import torch (${(probe.stderr || String(probe.error)).trim().split('\n').pop()}). ` +
        "Install Debian's python3-torch and libopenblas0-serial (or set NCF_TORCH_PYTHON): the PyTorch export is NOT checked.",
    );
  }
}
