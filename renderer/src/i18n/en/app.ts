/** The frame: rail, status bar, notices, theme and language (English). */
export default {
  appName: 'Backprop Studio',
  views: {
    data: 'Data',
    network: 'Network',
  },
  viewHints: {
    data: 'Load a CSV file, choose inputs and a target',
    network: 'Design the network',
  },
  rail: { label: 'Workflow steps' },
  status: {
    label: 'Status',
    engine: 'Engine',
    rows: '{n} row | {n} rows',
    noData: 'No dataset',
    parameters: '{n} parameter | {n} parameters',
    runtime: 'Runtime',
  },
  engineStates: {
    connecting: 'connecting…',
    idle: 'ready',
    'data-loaded': 'dataset loaded',
    'data-ready': 'data configured',
    'model-ready': 'model ready',
    training: 'training',
    paused: 'paused',
  },
  inspector: { label: 'Inspector', empty: 'Select a column, layer, neuron or weight to see its details here.', close: 'Clear selection' },
  notices: { label: 'Notices', dismiss: 'Dismiss', engineRestarted: 'The engine restarted.' },
  theme: { label: 'Theme', system: 'System', light: 'Light', dark: 'Dark' },
  language: { label: 'Language' },
  settings: { label: 'Settings' },
};
