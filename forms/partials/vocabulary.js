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
