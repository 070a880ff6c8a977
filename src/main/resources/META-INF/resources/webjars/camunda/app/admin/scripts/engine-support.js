// A section of Admin's dashboard (Camunda's plugin API: config.js customScripts) that says which
// engine runs, as the engine itself reports it, and how long that engine is supported.
const SUPPORT = [
  '支持状态：Camunda 7.24 是 Camunda 7 社区版的最后一个版本（2025年10月发布），' +
    'Camunda 此后不再发布社区版的新版本或补丁；开源项目 Operaton 延续了 Camunda 7。',
  'Support: Camunda 7.24 is the last community release of Camunda 7 (October 2025); Camunda ' +
    'publishes no further community versions or patches. The open-source project Operaton ' +
    'continues Camunda 7.'
];

function paragraph(text, id) {
  const p = document.createElement('p');
  if (id) {
    p.id = id;
  }
  p.textContent = text;
  return p;
}

export default {
  id: 'trips.engineSupport',
  pluginPoint: 'admin.dashboard.section',
  priority: -10,
  properties: {label: '流程引擎 Process engine'},
  render: (node, {api}) => {
    const version = paragraph('正在读取引擎版本… Reading the engine version…', 'engine-version');
    node.appendChild(version);
    SUPPORT.forEach(text => node.appendChild(paragraph(text)));
    fetch(api.engineApi + '/version', {headers: {Accept: 'application/json'}})
      .then(response => (response.ok ? response.json() : Promise.reject(response.status)))
      .then(body => {
        version.textContent =
          '运行中的引擎 Running engine: Camunda 7 社区版 Community Edition ' + body.version;
      })
      .catch(() => {
        version.textContent = '无法读取引擎版本 The engine version could not be read';
      });
  }
};
