/**
 * The data a spec would train on, and that data's features, for the builder's palette: the
 * ncf.defaultDataset setting, else the data trained on last in this workspace, with the feature
 * files the settings name. Read once per data and files (loading the data is what tells its
 * features and their kinds), again when the settings or the data trained on change.
 */
import * as vscode from 'vscode';
import { loadDataFeatures } from '../../core/data/dataFeatures';
import { isTextSource } from '../../core/data/load';
import type { BuilderMessage } from '../../protocol/builder';
import { readSettings } from '../settings';
import { featureFilesOf } from '../training/featureFiles';
import { DataChoice, dataFromSetting, lastTrainedData, onDidChangeTrainedData } from '../training/pickData';

type DataFeaturesMessage = Extract<BuilderMessage, { type: 'dataFeatures' }>;

const SETTINGS = ['ncf.defaultDataset', 'ncf.userFeatures', 'ncf.itemFeatures', 'ncf.featureKinds'];

export class DataFeatureSource implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<DataFeaturesMessage>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The data or its feature files may be others now: builders ask again. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (SETTINGS.some((s) => e.affectsConfiguration(s))) this.refresh();
      }),
      onDidChangeTrainedData(() => this.refresh()),
    ];
  }

  /** The message for a builder of `uri`; undefined when no ratings data is known yet. */
  forSpec(uri: vscode.Uri): Promise<DataFeaturesMessage> | undefined {
    const settings = readSettings(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri) ?? vscode.workspace.workspaceFolders?.[0];
    const root = folder?.uri.fsPath ?? process.cwd();
    let data: DataChoice | undefined;
    if (settings.defaultDataset) {
      const choice = dataFromSetting(settings.defaultDataset, this.context);
      if (typeof choice === 'string')
        return Promise.resolve({ type: 'dataFeatures', label: settings.defaultDataset, features: [], problem: choice });
      data = choice;
    } else data = lastTrainedData(this.context);
    if (!data || isTextSource(data.source)) return undefined;
    const files = featureFilesOf(settings, root);
    const key = JSON.stringify([data.source, files, root]);
    let message = this.cache.get(key);
    if (!message) {
      const label = data.label;
      message = loadDataFeatures(data.source, { ...files, baseDir: root }).then(
        (features): DataFeaturesMessage => ({ type: 'dataFeatures', label, features }),
        (e: unknown): DataFeaturesMessage => ({
          type: 'dataFeatures',
          label,
          features: [],
          problem: (e instanceof Error ? e.message : String(e)).split('\n')[0],
        }),
      );
      this.cache.set(key, message);
    }
    return message;
  }

  /** Reads the data again on the next ask (a feature file may have changed too). */
  private refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
