/**
 * The VS Code host: wires each capability's registration into activation.
 * Each feature lives in its own module and exports one `register…(context)` function.
 */
import * as vscode from 'vscode';
import { registerExportCommand } from './commands/exportCode';
import { registerDatasets } from './datasets/register';
import { registerSpecEditor } from './editor/register';
import { registerNewArchitecture } from './newArchitecture';
import { registerOutput } from './output';
import { registerOverview } from './overview/register';
import { registerRecommend } from './recommend/register';
import { registerSidebar } from './sidebar/register';
import { registerTraining } from './training/register';
import { registerTune } from './tune/register';
import { registerCompare } from './compare/register';

export function activate(context: vscode.ExtensionContext): void {
  // Feature registrations are added here, one line each.
  registerOutput(context);
  const training = registerTraining(context);
  registerNewArchitecture(context);
  registerDatasets(context);
  registerExportCommand(context);
  registerSpecEditor(context);
  registerRecommend(context);
  registerOverview(context);
  registerSidebar(context, training);
  registerTune(context);
  registerCompare(context);
}

export function deactivate(): void {}
