using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchboard.Silo.Tests.Api;

/// <summary>
/// The shell subset docs/admin-api.md uses: <c>curl</c> lines (with <c>\</c> continuations, <c>-X</c>, <c>-H</c>,
/// <c>-d</c>, <c>--data-binary @file</c>, <c>-fsS</c>), <c>cat &gt; file &lt;&lt;'EOF'</c> heredocs, and
/// <c>$VAR</c> inside double quotes. Anything else in a <c>sh</c> block is ignored.
/// </summary>
public sealed partial class DocCommands
{
    public List<string> Curls { get; } = [];

    public Dictionary<string, string> Files { get; } = [];

    public static DocCommands Read(string path)
    {
        var result = new DocCommands();
        var inBlock = false;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = line == "```sh";
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            if (HeredocStart().Match(line) is { Success: true } heredoc)
            {
                var content = new StringBuilder();
                while (lines[++i] != heredoc.Groups["end"].Value)
                {
                    content.Append(lines[i]).Append('\n');
                }

                result.Files[heredoc.Groups["file"].Value] = content.ToString();
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal))
            {
                var command = line;
                while (command.EndsWith('\\'))
                {
                    command = command[..^1] + " " + lines[++i].Trim();
                }

                result.Curls.Add(command);
            }
        }

        return result;
    }

    public static HttpRequestMessage ToRequest(string command, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string> files)
    {
        var words = Words(command, variables);
        var method = HttpMethod.Get;
        string? url = null;
        string? body = null;
        var headers = new List<(string Name, string Value)>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X":
                    method = new HttpMethod(words[++i]);
                    break;
                case "-H":
                    var header = words[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d":
                    body = words[++i];
                    method = method == HttpMethod.Get ? HttpMethod.Post : method;
                    break;
                case "--data-binary":
                    body = files[words[++i].TrimStart('@')];
                    method = method == HttpMethod.Get ? HttpMethod.Post : method;
                    break;
                case var flag when flag.StartsWith('-'):
                    break;
                default:
                    url = words[i];
                    break;
            }
        }

        var request = new HttpRequestMessage(method, url ?? throw new InvalidOperationException($"no URL in: {command}"));
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/x-www-form-urlencoded");
        }

        foreach (var (name, value) in headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Splits like a POSIX shell: '...' literal, "..." with $VAR expansion, bare words with $VAR expansion.</summary>
    private static List<string> Words(string command, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == ' ' && inWord)
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else if (c == '\'')
            {
                var end = command.IndexOf('\'', i + 1);
                word.Append(command, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                var end = command.IndexOf('"', i + 1);
                word.Append(Expand(command[(i + 1)..end], variables));
                i = end;
                inWord = true;
            }
            else if (c != ' ')
            {
                var end = command.IndexOfAny([' ', '\'', '"'], i);
                end = end < 0 ? command.Length : end;
                word.Append(Expand(command[i..end], variables));
                i = end - 1;
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"unknown variable ${m.Groups[1].Value}"));

    [GeneratedRegex(@"^cat > (?<file>\S+) <<'(?<end>\w+)'$")]
    private static partial Regex HeredocStart();

    [GeneratedRegex(@"\$([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();
}
