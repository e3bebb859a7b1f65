// The fake world's state as canonical text, in C# because the suites compare it hundreds of times:
// dictionaries with sorted keys, lists in order, custom objects by their properties, and the files
// under the world's root by content hash (cached by length and write time, which a checkpoint's
// `cp -a` keeps). Loaded once per session by FakeWorld.psm1 with Add-Type.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PchatKit
{
    public static class FakeState
    {
        private static readonly Dictionary<string, Tuple<long, long, string>> Digests = new Dictionary<string, Tuple<long, long, string>>();
        private static readonly Regex MarkerFields = new Regex("\"step\"\\s*:\\s*\"(?<step>[^\"]*)\".*?\"runId\"\\s*:\\s*\"(?<run>[^\"]*)\"", RegexOptions.Singleline);
        private const int Head = 1 << 20;

        /// <summary>Canonical JSON of plain state: dictionaries, lists, custom objects, scalars.</summary>
        public static string Canonical(object value)
        {
            var sb = new StringBuilder();
            Write(sb, value);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, object value)
        {
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    var props = pso.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty).OrderBy(p => p.Name, StringComparer.Ordinal);
                    sb.Append('{');
                    var first = true;
                    foreach (var p in props)
                    {
                        if (!first) sb.Append(',');
                        first = false;
                        WriteString(sb, p.Name);
                        sb.Append(':');
                        Write(sb, p.Value);
                    }
                    sb.Append('}');
                    return;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null:
                    sb.Append("null");
                    return;
                case string s:
                    WriteString(sb, s);
                    return;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    return;
                case char c:
                    WriteString(sb, c.ToString());
                    return;
                case DateTime d:
                    WriteString(sb, d.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case IDictionary dict:
                    var keys = dict.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)).Where(k => k != "Folder").OrderBy(k => k, StringComparer.Ordinal).ToList();
                    sb.Append('{');
                    for (var i = 0; i < keys.Count; i++)
                    {
                        if (i > 0) sb.Append(',');
                        WriteString(sb, keys[i]);
                        sb.Append(':');
                        Write(sb, dict[keys[i]]);
                    }
                    sb.Append('}');
                    return;
                case IEnumerable list:
                    sb.Append('[');
                    var n = 0;
                    foreach (var item in list)
                    {
                        if (n++ > 0) sb.Append(',');
                        Write(sb, item);
                    }
                    sb.Append(']');
                    return;
                case IFormattable f:
                    sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                    return;
                default:
                    WriteString(sb, value.ToString());
                    return;
            }
        }

        private static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (var ch in s)
            {
                switch (ch)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (ch < 0x20) sb.Append("\\u").Append(((int)ch).ToString("x4")); else sb.Append(ch);
                        break;
                }
            }
            sb.Append('"');
        }

        /// <summary>
        /// Every file under root (symbolic links not followed, as Get-ChildItem), keyed by its path from
        /// root: step markers by their step and run (a marker is the step's report, not the world),
        /// large sparse stand-ins by length and their first megabyte, the rest by SHA-256.
        /// </summary>
        public static string Files(string root, string[] ignore)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
            var paths = Directory.EnumerateFiles(root, "*", options).OrderBy(p => p, StringComparer.Ordinal).ToList();
            var patterns = (ignore ?? new string[0]).Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            var sb = new StringBuilder("{");
            var first = true;
            foreach (var path in paths)
            {
                var rel = path.Substring(root.Length).Replace('\\', '/');
                if (rel.Contains("/TEMP/") || patterns.Any(p => p.IsMatch(rel))) continue;
                if (!first) sb.Append(',');
                first = false;
                WriteString(sb, rel);
                sb.Append(':');
                WriteString(sb, Digest(path));
            }
            return sb.Append('}').ToString();
        }

        private static string Digest(string path)
        {
            var info = new FileInfo(path);
            var stamp = info.LastWriteTimeUtc.Ticks;
            if (Digests.TryGetValue(path, out var cached) && cached.Item1 == info.Length && cached.Item2 == stamp) return cached.Item3;
            string digest;
            if (path.EndsWith(".done", StringComparison.Ordinal))
            {
                var m = MarkerFields.Match(File.ReadAllText(path));
                digest = "marker:" + m.Groups["step"].Value + ":" + m.Groups["run"].Value;
            }
            else
            {
                using (var stream = File.OpenRead(path))
                using (var sha = SHA256.Create())
                {
                    var buffer = new byte[Math.Min(Head, Math.Max(1, info.Length))];
                    var read = 0;
                    int r;
                    while (read < buffer.Length && (r = stream.Read(buffer, read, buffer.Length - read)) > 0) read += r;
                    var hash = BitConverter.ToString(sha.ComputeHash(buffer, 0, read)).Replace("-", "");
                    digest = info.Length > Head ? "len:" + info.Length + ":" + hash : hash;
                }
            }
            Digests[path] = Tuple.Create(info.Length, stamp, digest);
            return digest;
        }
    }
}
