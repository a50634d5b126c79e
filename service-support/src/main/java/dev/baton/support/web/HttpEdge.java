package dev.baton.support.web;

import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts {@link HttpEdgeHandler} behind the HTTP decoder of every connection a service accepts. */
public final class HttpEdge {
    private HttpEdge() {
    }

    public static HttpServer install(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HttpEdgeHandler.NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HttpEdgeHandler.NAME, new HttpEdgeHandler());
            }
        });
    }
}
