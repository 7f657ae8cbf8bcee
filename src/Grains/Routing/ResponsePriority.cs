namespace Switchboard.Grains.Routing;

/// <summary>
/// Picks the final response to send upstream when every forked branch failed (RFC 3261 §16.7 step 6): a 6xx if
/// any, else the lowest class; within 4xx a busy (486) is the most useful to a caller, then the codes that tell
/// it how to retry (415, 420, 484); 401/407 from a callee are the callee's business and are sent as 480, and a
/// set of only 503s becomes 500 (a 503 would make the caller's proxy fail over away from us).
/// </summary>
public static class ResponsePriority
{
    private static readonly int[] Preferred4xx = [486, 415, 420, 484];

    public static int Best(IReadOnlyList<int> finals)
    {
        if (finals.Count == 0)
        {
            return 480;
        }

        var sixXx = finals.FirstOrDefault(s => s is >= 600 and < 700);
        if (sixXx != 0)
        {
            return sixXx;
        }

        var lowestClass = finals.Min(s => s / 100);
        var inClass = finals.Where(s => s / 100 == lowestClass).ToList();
        int chosen = inClass[0];
        if (lowestClass == 4)
        {
            foreach (var preferred in Preferred4xx)
            {
                if (inClass.Contains(preferred))
                {
                    chosen = preferred;
                    break;
                }
            }
        }

        return chosen switch
        {
            401 or 407 => 480,
            503 => 500,
            _ => chosen,
        };
    }

    /// <summary>Whether a failed trunk attempt should move on to the next trunk: server errors and timeouts.</summary>
    public static bool IsFailover(int status) => status is 408 or (>= 500 and < 600);
}
