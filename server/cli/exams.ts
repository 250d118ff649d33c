import fs from 'node:fs';
import type { Command } from 'commander';
import { arrange } from '../../engines/seating/index.ts';
import { parseInstance } from '../../engines/seating/schema.ts';

/**
 * `edugov exams arrange <instance.json> [--out plan.json]`: the exam arrangement (考场编排) of an
 * instance file, with the pure seating engine. Prints the plan JSON (or writes it to --out); exit 2
 * for a malformed instance (unreadable, not JSON, or failing the schema: the field is named), exit 3
 * when the rules cannot be met (the rule and the site/room are named on stderr). It opens no
 * database: the same file gives the same plan, byte for byte, anywhere.
 */
export function registerExamsCommand(program: Command): void {
  const exams = program.command('exams').description('exam arrangement (考场编排)');
  exams
    .command('arrange')
    .description('rooms, seats, tickets and invigilators of an instance file (plan JSON on stdout or --out)')
    .argument('<instance>', 'instance JSON file (see docs/modules/exams-engine.md)')
    .option('--out <file>', 'write the plan here instead of stdout')
    .action((file: string, options: { out?: string }) => {
      let input: unknown;
      try {
        input = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        console.error(
          `malformed instance ${file}: ${error instanceof Error ? error.message : error} / 输入文件无法读取`,
        );
        process.exitCode = 2;
        return;
      }
      const parsed = parseInstance(input);
      if (!parsed.ok) {
        console.error(`malformed instance ${file} / 输入文件格式错误:`);
        for (const line of parsed.errors) console.error(`  ${line}`);
        process.exitCode = 2;
        return;
      }
      const result = arrange(parsed.instance);
      if (!result.ok) {
        console.error('infeasible: the rules cannot be met / 无法满足编排规则:');
        for (const line of result.reasons) console.error(`  ${line}`);
        process.exitCode = 3;
        return;
      }
      const json = `${JSON.stringify(result.plan, null, 2)}\n`;
      if (options.out) {
        fs.writeFileSync(options.out, json);
        console.error(
          `${result.plan.rooms.length} rooms, resultHash ${result.plan.resultHash} → ${options.out}`,
        );
      } else process.stdout.write(json);
    });
}
