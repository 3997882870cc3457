/** The Tune and Compare bundle: the page's `data-view` picks the view. */
import 'uplot/dist/uPlot.min.css';
import { startCompare } from './compareView';
import { startTune } from './tuneView';

const root = document.getElementById('app')!;
if (document.body.dataset.view === 'compare') startCompare(root);
else startTune(root);
