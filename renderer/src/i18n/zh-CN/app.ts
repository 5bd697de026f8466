/** 框架：导航栏、状态栏、通知、主题与语言（简体中文）。 */
export default {
  appName: 'Backprop Studio',
  views: {
    data: '数据',
    network: '网络',
  },
  viewHints: {
    data: '载入 CSV 文件，选择输入列和目标列',
    network: '设计网络结构',
  },
  rail: { label: '工作流程' },
  status: {
    label: '状态',
    engine: '引擎',
    rows: '{n} 行',
    noData: '尚无数据集',
    parameters: '{n} 个参数',
    runtime: '运行环境',
  },
  engineStates: {
    connecting: '正在连接…',
    idle: '就绪',
    'data-loaded': '已载入数据集',
    'data-ready': '数据已配置',
    'model-ready': '模型就绪',
    training: '训练中',
    paused: '已暂停',
  },
  inspector: { label: '检查器', empty: '选择一列、一层、一个神经元或一个权重，即可在此查看详情。', close: '清除选择' },
  notices: { label: '通知', dismiss: '关闭', engineRestarted: '引擎已重新启动。' },
  theme: { label: '主题', system: '跟随系统', light: '浅色', dark: '深色' },
  language: { label: '语言' },
  settings: { label: '设置' },
};
