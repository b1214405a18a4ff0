import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replaceVariable, scanVariables } from '../../server/src/analysis/variablesSyntax';

const known = (name: string) => name === 'aws:username';

describe('scanning policy variables as written (reference_policies_variables.md)', () => {
  it('finds well-formed variables, defaults and the special characters', () => {
    const scanned = scanVariables("a/${aws:username}/${aws:PrincipalTag/team, 'company-wide'}/${*}");
    assert.deepEqual(
      scanned.map((variable) => [variable.name, variable.special, variable.problem]),
      [
        ['aws:username', false, undefined],
        ['aws:PrincipalTag/team', false, undefined],
        ['*', true, undefined],
      ],
    );
    assert.equal(scanned[0].start, 2);
    assert.equal(scanned[0].end, 17);
  });

  it('an unclosed variable is repaired only when its name is a known variable', () => {
    const [repairable] = scanVariables('home/${aws:username/*', known);
    assert.equal(repairable.problem, 'missing-brace');
    assert.equal(replaceVariable('home/${aws:username/*', repairable, repairable.repaired!), 'home/${aws:username}/*');
    const [guess] = scanVariables('home/${aws:PrincipalTag/team', known);
    assert.equal(guess.problem, 'missing-brace');
    assert.equal(guess.repaired, undefined);
  });

  it('a variable opened before the previous one closed is unclosed', () => {
    const scanned = scanVariables('${aws:username/${aws:userid}', known);
    assert.deepEqual(
      scanned.map((variable) => [variable.problem, variable.name]),
      [
        ['missing-brace', 'aws:username'],
        [undefined, 'aws:userid'],
      ],
    );
  });

  it('reports empty variables, spaces in names and unquoted defaults, with repairs', () => {
    const [empty] = scanVariables('a${ }b');
    assert.equal(empty.problem, 'empty');
    const [space] = scanVariables('${ aws:username }');
    assert.equal(space.problem, 'space');
    assert.equal(space.repaired, '${aws:username}');
    const [quote] = scanVariables('${aws:PrincipalTag/team, company-wide}');
    assert.equal(quote.problem, 'missing-quote');
    assert.equal(quote.repaired, "${aws:PrincipalTag/team, 'company-wide'}");
    const [half] = scanVariables("${aws:PrincipalTag/team, 'company-wide}");
    assert.equal(half.repaired, "${aws:PrincipalTag/team, 'company-wide'}");
  });

  it('a space in the default value is fine', () => {
    assert.equal(scanVariables("${aws:PrincipalTag/team, 'company wide'}")[0].problem, undefined);
  });
});
