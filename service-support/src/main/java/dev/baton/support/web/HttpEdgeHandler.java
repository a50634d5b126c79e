package dev.baton.support.web;

import dev.baton.api.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Sits right behind the HTTP decoder and answers, in problem+json like every other refusal, the requests that
 * never reach Spring: a request line over the limit (414), headers over the limit (431), a request the decoder
 * cannot read, or a target that is no URI at all, such as a raw {@code \} in the query (400). The connection is then
 * closed, since the decoder may have lost its place in the stream: the client sees an answer, never a request that
 * hangs on a kept-alive connection.
 */
final class HttpEdgeHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "baton.httpEdge";

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Refusal refusal = refusal(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(response(refusal)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            refused = true;
            ReferenceCountUtil.release(msg);
            ctx.writeAndFlush(response(new Refusal(ErrorCode.MALFORMED_REQUEST,
                    "Expected a well-formed HTTP request body, but it cannot be decoded")))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private record Refusal(ErrorCode code, String detail) {
    }

    private static Refusal refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Refusal(ErrorCode.URI_TOO_LONG,
                        "Expected a request line within the server's limit, but it is longer");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return new Refusal(ErrorCode.HEADERS_TOO_LARGE,
                        "Expected request headers within the server's limit, but they are larger");
            }
            return new Refusal(ErrorCode.MALFORMED_REQUEST,
                    "Expected a well-formed HTTP request, but it cannot be decoded");
        }
        try {
            new URI(request.uri());
        } catch (URISyntaxException e) {
            return new Refusal(ErrorCode.MALFORMED_REQUEST, "Expected a request target that is a valid URI, but "
                    + e.getReason() + " at index " + e.getIndex() + " (characters such as \\ must be percent-encoded)");
        }
        return null;
    }

    private static FullHttpResponse response(Refusal refusal) {
        ErrorCode code = refusal.code();
        String body = "{\"type\":\"" + code.type() + "\",\"title\":\"" + escape(code.title()) + "\",\"status\":"
                + code.status() + ",\"detail\":\"" + escape(refusal.detail()) + "\",\"code\":\"" + code.slug() + "\"}";
        ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(code.status()), content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
