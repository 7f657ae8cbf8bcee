using System.Buffers;
using System.Text;

namespace Switchboard.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566 §5). Known lines are typed; every other line is kept in order and written back
/// in the position the grammar gives its type, so parse then write keeps what matters.
/// </summary>
public sealed partial class SdpSession
{
    public int Version { get; set; }

    public SdpOrigin Origin { get; set; } = new();

    public string SessionName { get; set; } = "-";

    public SdpConnection? Connection { get; set; }

    /// <summary>Session-level i, u, e, p, b, t, r, z, k and unknown lines. No t line means "t=0 0" is written.</summary>
    public List<SdpLine> Lines { get; } = [];

    public List<SdpAttribute> Attributes { get; } = [];

    public List<SdpMedia> Media { get; } = [];

    /// <summary>The session-level direction attribute, or null when absent.</summary>
    public SdpDirection? Direction
    {
        get => FindDirection(Attributes);
        set
        {
            if (value is SdpDirection d)
            {
                SetDirection(Attributes, d);
            }
            else
            {
                Attributes.RemoveAll(a => ParseDirection(a.Name) is not null);
            }
        }
    }

    /// <summary>The direction that applies to a stream: its own attribute, else the session's, else sendrecv.</summary>
    public SdpDirection EffectiveDirection(SdpMedia media) => media.ExplicitDirection ?? Direction ?? SdpDirection.SendRecv;

    /// <summary>The connection that applies to a stream: its own c= or the session's.</summary>
    public SdpConnection? EffectiveConnection(SdpMedia media) => media.Connection ?? Connection;

    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static SdpDirection? FindDirection(List<SdpAttribute> attributes)
    {
        SdpDirection? found = null;
        foreach (var a in attributes)
        {
            found = ParseDirection(a.Name) ?? found;
        }

        return found;
    }

    internal static void SetDirection(List<SdpAttribute> attributes, SdpDirection direction)
    {
        int at = attributes.FindIndex(a => ParseDirection(a.Name) is not null);
        attributes.RemoveAll(a => ParseDirection(a.Name) is not null);
        var attribute = new SdpAttribute(direction switch
        {
            SdpDirection.SendOnly => "sendonly",
            SdpDirection.RecvOnly => "recvonly",
            SdpDirection.Inactive => "inactive",
            _ => "sendrecv",
        });
        attributes.Insert(at < 0 ? attributes.Count : Math.Min(at, attributes.Count), attribute);
    }

    private static SdpDirection? ParseDirection(string name) => name switch
    {
        "sendrecv" => SdpDirection.SendRecv,
        "sendonly" => SdpDirection.SendOnly,
        "recvonly" => SdpDirection.RecvOnly,
        "inactive" => SdpDirection.Inactive,
        _ => null,
    };
}
