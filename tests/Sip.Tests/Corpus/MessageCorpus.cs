using System.Text;

namespace Switchboard.Sip.Tests.Corpus;

/// <summary>Loads the shared message files copied next to the test assembly.</summary>
public static class MessageCorpus
{
    public static byte[] Load(string relativePath) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", relativePath));

    public static byte[] Invite => Load("messages/invite.sip");

    public static byte[] OkWithSdp => Load("messages/ok-with-sdp.sip");

    public static byte[] Register => Load("messages/register.sip");

    public static IEnumerable<string> ValidMessageNames => ["invite.sip", "ok-with-sdp.sip", "register.sip"];

    /// <summary>
    /// A message written inline in a test: header lines with "\n" ends become CRLF, the empty line is added, then the body.
    /// </summary>
    public static byte[] Crlf(string headers, string body = "") =>
        Encoding.UTF8.GetBytes(headers.TrimEnd('\n', '\r').ReplaceLineEndings("\r\n") + "\r\n\r\n" + body);
}
