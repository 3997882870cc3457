/** Entry of the layer builder webview (bundled to dist/webview/builder.js and builder.css). */
import './zodConfig';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '@vscode/codicons/dist/codicon.css';
import './builder.css';
import { App } from './App';
import { keepSelectAllInFields } from './selectAllInFields';

keepSelectAllInFields(document);

createRoot(document.getElementById('root')!).render(
  <ReactFlowProvider>
    <App />
  </ReactFlowProvider>,
);
