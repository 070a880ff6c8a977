// The words of statuses, decisions and review levels, in both languages, from /api/vocabulary:
// the forms label codes with these rather than with tables of their own.
// Evaluated by a form with its AngularJS $scope, like trip-editor.js.
$scope.vocabulary = $scope.vocabulary || {};

// what users read for a code of one vocabulary (decisions, reviewLevels, tripStatuses, reportStatuses)
$scope.word = function (kind, code) {
  var word = ($scope.vocabulary[kind] || {})[code];
  return word ? word.label : code;
};

fetch('/api/vocabulary', {
  credentials: 'same-origin',
  headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
}).then(function (response) {
  if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
  return response.json();
}).then(function (vocabulary) {
  $scope.vocabulary = vocabulary;
  $scope.$applyAsync();
}).catch(function () {
  // the codes stay readable without their words; the form works as before
});

// Names for the ids on the trip (the applicant, who decided, the unit), from /api/directory/names:
// 张伟 (applicant) for zhang.wei, 省商务厅 Department of Commerce for commerce.
$scope.names = $scope.names || { users: {}, units: {} };

$scope.person = function (userId) {
  return userId ? ($scope.names.users[userId] || userId) : '';
};

$scope.unitName = function (unit) {
  return unit ? ($scope.names.units[unit] || unit) : '';
};

$scope.$watch(function () {
  var users = [$scope.applicant];
  ($scope.decisions || []).forEach(function (d) { users.push(d.decidedBy, d.onBehalfOf); });
  var wanted = users.filter(function (id) { return id && !$scope.names.users[id]; })
    .map(function (id) { return 'user=' + encodeURIComponent(id); });
  var unit = $scope.trip && $scope.trip.unit;
  if (unit && !$scope.names.units[unit]) { wanted.push('unit=' + encodeURIComponent(unit)); }
  return wanted.join('&');
}, function (query) {
  if (!query) { return; }
  fetch('/api/directory/names?' + query, {
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
  }).then(function (response) {
    if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
    return response.json();
  }).then(function (found) {
    Object.assign($scope.names.users, found.users);
    Object.assign($scope.names.units, found.units);
    $scope.$applyAsync();
  }).catch(function () {
    // the ids stay readable without their names
  });
});
