// An MSBuild inline task (RoslynCodeTaskFactory), not part of the benchmark assembly: patches the vendor spec only as
// NSwag 14 needs (see README.md in this folder).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class PatchSpecForNSwag : Task
{
    [Required] public string Spec { get; set; } = "";
    [Required] public string Paths { get; set; } = "";
    [Required] public string Schemas { get; set; } = "";
    [Required] public string Output { get; set; } = "";

    public override bool Execute()
    {
        var lines = File.ReadAllLines(Spec).Where(line => line.Trim() != "- type: 'null'").ToList();
        // "anyOf:" with one branch left becomes that branch: NSwag generates an empty wrapper class for any anyOf.
        for (var i = 0; i < lines.Count - 1; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart().Length;
            if (lines[i].Trim() != "anyOf:" || !lines[i + 1].StartsWith(new string(' ', indent + 2) + "- "))
            {
                continue;
            }

            var end = i + 2;
            while (end < lines.Count && Indent(lines[end]) >= indent + 4)
            {
                end++;
            }

            var secondBranch = end < lines.Count && lines[end].StartsWith(new string(' ', indent + 2) + "- ");
            if (secondBranch)
            {
                continue;
            }

            lines[i + 1] = new string(' ', indent) + lines[i + 1].TrimStart().Substring(2);
            for (var j = i + 2; j < end; j++)
            {
                lines[j] = lines[j].Substring(4);
            }

            lines.RemoveAt(i);
        }

        lines.InsertRange(lines.IndexOf("paths:") + 1, File.ReadAllLines(Paths));
        lines.InsertRange(lines.IndexOf("  schemas:") + 1, File.ReadAllLines(Schemas));
        File.WriteAllLines(Output, lines);
        return true;
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}
