/** The dashboard bundle: the page's `data-view` picks the training dashboard or the run history. */
import 'uplot/dist/uPlot.min.css';
import { startDashboard } from './runView';
import { startHistory } from './historyView';

const root = document.getElementById('app')!;
if (document.body.dataset.view === 'history') startHistory(root);
else startDashboard(root);
