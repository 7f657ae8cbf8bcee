namespace Switchboard.Grains.Routing;

/// <summary>Default reason phrases (RFC 3261 §21) for the statuses the call grain generates or relays.</summary>
public static class ReasonPhrases
{
    public static string For(int status) => status switch
    {
        200 => "OK",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        415 => "Unsupported Media Type",
        420 => "Bad Extension",
        480 => "Temporarily Unavailable",
        481 => "Call/Transaction Does Not Exist",
        484 => "Address Incomplete",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        500 => "Server Internal Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Server Time-out",
        600 => "Busy Everywhere",
        603 => "Decline",
        604 => "Does Not Exist Anywhere",
        606 => "Not Acceptable",
        _ => status switch
        {
            < 300 => "OK",
            < 500 => "Request Failed",
            < 600 => "Server Error",
            _ => "Global Failure",
        },
    };
}
